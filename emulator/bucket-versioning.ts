import { randomInt } from 'node:crypto';
import path from 'node:path';
import { readJson, writeJsonAtomic } from './atomic-files';
import { malformedXml } from './cos-error';
import { XML_DECLARATION, parseXmlBody, xmlDocument } from './xml';

/**
 * A bucket's versioning state, as COS keeps it: never enabled (GET answers an empty
 * `<VersioningConfiguration/>`), Enabled, or Suspended. Once enabled it can only be suspended,
 * never turned off, and from then on `x-cos-forbid-overwrite` has no effect (COS: "For a bucket
 * which has enabled versioning or suspended versioning, the x-cos-forbid-overwrite request
 * header is invalid"). Persisted as JSON in the bucket folder.
 *
 * Noncurrent versions are not kept: a new write replaces the current version's bytes. The
 * APIs that would read older versions (`?versions`, `?versionId=`) answer 501 NotImplemented.
 */
export type VersioningStatus = 'Enabled' | 'Suspended';

export class VersioningStore {
  private constructor(
    private readonly file: string,
    private current: VersioningStatus | undefined,
  ) {}

  static async open(bucketDir: string): Promise<VersioningStore> {
    const file = path.join(bucketDir, 'versioning.json');
    const saved = (await readJson(file)) as { status?: unknown } | undefined;
    const status =
      saved?.status === 'Enabled' || saved?.status === 'Suspended' ? saved.status : undefined;
    return new VersioningStore(file, status);
  }

  /** undefined: versioning was never enabled on this bucket. */
  get status(): VersioningStatus | undefined {
    return this.current;
  }

  /** True once versioning has been Enabled or Suspended: forbid-overwrite is then ignored. */
  get everEnabled(): boolean {
    return this.current !== undefined;
  }

  async set(status: VersioningStatus): Promise<void> {
    await writeJsonAtomic(this.file, { status });
    this.current = status;
  }
}

/** PUT Bucket versioning's body: `<VersioningConfiguration><Status>Enabled|Suspended</…>`. */
export function parseVersioningXml(body: string): VersioningStatus {
  const doc = parseXmlBody(body);
  const config = doc.VersioningConfiguration;
  if (typeof config !== 'object' || config === null) {
    throw malformedXml('no VersioningConfiguration with a Status');
  }
  const status = (config as Record<string, unknown>).Status;
  if (status !== 'Enabled' && status !== 'Suspended') {
    throw malformedXml('Status must be Enabled or Suspended (versioning cannot be turned off)');
  }
  return status;
}

/** GET Bucket versioning's body; `<VersioningConfiguration/>` when never enabled (COS's doc). */
export function versioningXml(status: VersioningStatus | undefined): string {
  if (!status) return `${XML_DECLARATION}\n<VersioningConfiguration/>`;
  return xmlDocument('VersioningConfiguration', [['Status', status]]);
}

/** A version ID shaped like COS's: base64 of a long decimal, no padding. */
export function newVersionId(nowMs: number): string {
  const digits = `${nowMs}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  return Buffer.from(digits).toString('base64').replace(/=+$/, '');
}
