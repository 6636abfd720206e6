import { CORS_PROBLEMS } from '../../protocol/admin';
import type { CorsRule, MultipartUploadInfo } from '../cos/cos-client';
import { isCosCode } from '../cos/cos-error';
import { applyBucketCors, localPortalOrigins } from '../cos/bucket-cors';
import { runBucketSelfTest } from '../cos/bucket-selftest';
import {
  checkBucketVersioning,
  describeVersioning,
  versioningRefused,
} from '../cos/bucket-versioning';
import { LinkState } from '../state/link-state';
import { isUnaccounted } from '../state/unverified-uploads';
import type { SelfTestReport } from '../cos/bucket-selftest';
import { CORS_ADVICE, UPLOAD_REQUEST_HEADERS } from '../cos/cors-check';
import type { CliSetup } from './cli-env';
import { CliError } from './cli-env';
import { formatBytes, plural } from './format-link';
import { parseDuration } from './parse-link-args';

/**
 * The bucket tools behind `npm run cos:setup`, `cos:selftest` and `cos:cleanup`, as functions
 * (the entry files only run them), so tests drive them in-process against the emulator.
 * Each returns the process exit code and writes its report through `out`.
 */
export type Out = (line: string) => void;

/** A link id as `newLinkId` makes them (the first folder of an upload key). */
const LINK_ID = /^[A-Za-z0-9_-]{16,64}$/;

interface Flags {
  json: boolean;
  dryRun: boolean;
  values: Map<string, string>;
}

function parseFlags(argv: readonly string[], valued: readonly string[], usage: string): Flags {
  const flags: Flags = { json: false, dryRun: false, values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') flags.json = true;
    else if (arg === '--dry-run') flags.dryRun = true;
    else {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (!valued.includes(name)) throw new CliError(`unknown option ${arg}\n\n${usage}`, 2);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new CliError(`${name} needs a value\n\n${usage}`, 2);
      flags.values.set(name, value);
    }
  }
  return flags;
}

function originsOf(flags: Flags, setup: CliSetup): string[] {
  const given = flags.values.get('--origins') ?? flags.values.get('--origin');
  if (!given) {
    // Against the local emulator: the same origins `npm start` allows.
    return setup.emulatorUrl && setup.config.portalOriginsAreDefault
      ? localPortalOrigins(setup.config.publicUrl, setup.config.port)
      : setup.config.portalOrigins;
  }
  const origins = given
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of origins) {
    const exact = (() => {
      try {
        return new URL(o).origin === o;
      } catch {
        return false;
      }
    })();
    if (!exact)
      throw new CliError(`not an exact origin: "${o}" (like https://upload.example.com)`, 2);
  }
  return origins;
}

function describeRule(rule: CorsRule, index: number): string {
  return [
    `  Rule ${index + 1}${rule.id ? ` (${rule.id})` : ''}`,
    `    AllowedOrigin: ${rule.allowedOrigins.join(', ')}`,
    `    AllowedMethod: ${rule.allowedMethods.join(', ')}`,
    `    AllowedHeader: ${rule.allowedHeaders.join(', ') || '(none)'}`,
    `    ExposeHeader:  ${rule.exposeHeaders.join(', ') || '(none)'}`,
    ...(rule.maxAgeSeconds !== undefined ? [`    MaxAgeSeconds: ${rule.maxAgeSeconds}`] : []),
  ].join('\n');
}

export const COS_SETUP_USAGE = `Usage: npm run cos:setup -- [--origins https://a.example.com,…] [--json]
Puts the CORS rule the portal needs on the bucket (keeping the bucket's other rules, after
it) and prints the rules read back. Origins default to PORTAL_ORIGINS (or PUBLIC_URL's).
Also checks the bucket's versioning: exit status 1 if it has ever had versioning.`;

export async function cosSetup(
  setup: CliSetup,
  argv: readonly string[],
  out: Out,
): Promise<number> {
  const flags = parseFlags(argv, ['--origins'], COS_SETUP_USAGE);
  const origins = originsOf(flags, setup);
  const rules = await applyBucketCors(setup.cos, origins);
  // A bucket that has ever had versioning cannot be used (the signer refuses to start on it).
  const versioning = await checkBucketVersioning(setup.cos);
  const code = versioningRefused(versioning) ? 1 : 0;
  if (flags.json) {
    out(JSON.stringify({ bucket: setup.config.cos.bucket, rules, versioning }, null, 2));
    return code;
  }
  out(`Bucket ${setup.config.cos.bucket} (${setup.config.cos.region}) now has these CORS rules:`);
  rules.forEach((rule, i) => out(describeRule(rule, i)));
  out(`${code ? '✗' : '✓'} ${describeVersioning(setup.config.cos.bucket, versioning)}`);
  out("Check them from the browser's point of view with: npm run cos:selftest");
  return code;
}

export const COS_SELFTEST_USAGE = `Usage: npm run cos:selftest -- [--origins https://a.example.com,…] [--json]
Checks the bucket the way a browser on the portal origin meets it: the CORS preflight for an
upload, a tiny PUT (signed like a contributor's), and the ETag and x-cos-hash-crc64ecma
headers readable; and that the bucket never had versioning. Names the missing rule when
something fails. Exit status 1 on any problem.`;

function checklist(report: SelfTestReport): Array<[boolean, string]> {
  const p = new Set(report.problems);
  const lines: Array<[boolean, string]> = [
    [
      report.preflight.status !== null && report.preflight.status < 300,
      `preflight: OPTIONS for PUT with ${UPLOAD_REQUEST_HEADERS.join(', ')} (HTTP ${report.preflight.status ?? 'no answer'})`,
    ],
    [!p.has('origin-not-allowed'), `Access-Control-Allow-Origin allows ${report.origin}`],
    [!p.has('put-not-allowed') && !p.has('origin-not-allowed'), 'PUT is an allowed method'],
    [
      !p.has('headers-not-allowed') && !p.has('origin-not-allowed'),
      'the upload headers are allowed',
    ],
    [!p.has('etag-not-exposed') && !p.has('origin-not-allowed'), 'ETag is exposed'],
    [
      !p.has('crc64-not-exposed') && !p.has('origin-not-allowed'),
      'x-cos-hash-crc64ecma is exposed',
    ],
    [
      report.upload.status === 200,
      `tiny PUT from ${report.origin}: HTTP ${report.upload.status ?? 'no answer'}${report.upload.cosCode ? ` ${report.upload.cosCode}` : ''}`,
    ],
    [report.upload.etag !== null, `ETag returned: ${report.upload.etag ?? 'none'}`],
    [
      report.upload.crc64Matches,
      `x-cos-hash-crc64ecma returned and equal to the CRC64 of what was sent: ${report.upload.crc64 ?? 'none'}`,
    ],
    [
      report.stored.found && report.stored.deleted,
      `test object found by HEAD${report.stored.deleted ? ' and deleted again' : ' (NOT deleted)'}`,
    ],
  ];
  return lines;
}

export async function cosSelftest(
  setup: CliSetup,
  argv: readonly string[],
  out: Out,
): Promise<number> {
  const flags = parseFlags(argv, ['--origins', '--origin'], COS_SELFTEST_USAGE);
  const origins = originsOf(flags, setup);
  const reports: SelfTestReport[] = [];
  for (const origin of origins) {
    reports.push(
      await runBucketSelfTest({ cos: setup.cos, statePrefix: setup.config.statePrefix, origin }),
    );
  }
  const versioning = await checkBucketVersioning(setup.cos);
  const versioningOk = versioning.state === 'never';
  const ok = reports.every((r) => r.ok) && versioningOk;
  if (flags.json) {
    out(JSON.stringify({ bucket: setup.config.cos.bucket, ok, versioning, reports }, null, 2));
    return ok ? 0 : 1;
  }
  out(`Bucket ${setup.config.cos.bucket} (${setup.config.cos.region}), seen from the browser:`);
  for (const report of reports) {
    out(`\nFrom ${report.origin}:`);
    for (const [passed, text] of checklist(report)) out(`  ${passed ? '✓' : '✗'} ${text}`);
    const problems = CORS_PROBLEMS.filter((p) => report.problems.includes(p));
    if (problems.length) {
      out('  What to fix:');
      for (const p of problems) out(`    - ${CORS_ADVICE[p](report.origin)}`);
    }
  }
  out(`\n${versioningOk ? '✓' : '✗'} ${describeVersioning(setup.config.cos.bucket, versioning)}`);
  out(
    ok
      ? '\nAll checks passed.'
      : '\nSome checks failed. Fix the rules above (npm run cos:setup applies them).',
  );
  return ok ? 0 : 1;
}

export const COS_CLEANUP_USAGE = `Usage: npm run cos:cleanup -- [--older-than 24h] [--delete-unverified] [--dry-run] [--json]
Under UPLOAD_PREFIX, older than --older-than (default 24h):
  - aborts multipart uploads that were never completed (their parts still take up storage);
  - lists objects that were never verified: uploads that landed but were never completed
    (the page was closed, or they were refused at completion). They are kept unless you add
    --delete-unverified.
--dry-run only lists (aborts and deletes nothing).`;

interface UnverifiedFound {
  linkId: string;
  key: string;
  size: number;
  lastModified: string;
}

/**
 * Objects under the upload prefix that no link accounts for (state/unverified-uploads.ts),
 * last modified at or before `cutoff`: page by page, each link's ledger and journal read once.
 * Keys are `<UPLOAD_PREFIX><linkId>/…`; anything else there is not the portal's and is left
 * alone.
 */
async function findUnverified(
  setup: CliSetup,
  nowMs: number,
  cutoff: number,
): Promise<{ old: UnverifiedFound[]; newer: number }> {
  const prefix = setup.config.uploadPrefix;
  const state = new LinkState({
    cos: setup.cos,
    statePrefix: setup.config.statePrefix,
    cacheSeconds: 0,
    now: () => nowMs,
  });
  const accounted = new Map<string, (hash: string) => boolean>();
  const old: UnverifiedFound[] = [];
  let newer = 0;
  let marker: string | undefined;
  for (let page = 0; page < 100_000; page++) {
    const res = await setup.cos.listObjects(prefix, marker ? { marker } : {});
    for (const o of res.objects) {
      const rest = o.key.slice(prefix.length);
      const slash = rest.indexOf('/');
      const linkId = slash > 0 ? rest.slice(0, slash) : '';
      if (!o.key.startsWith(prefix) || !LINK_ID.test(linkId)) continue;
      let isAccounted = accounted.get(linkId);
      if (!isAccounted) {
        const { usage, running } = await state.quota.use(linkId);
        isAccounted = (h) => usage.hashes.has(h) || running.has(h);
        accounted.set(linkId, isAccounted);
      }
      if (!isUnaccounted(o.key, prefix, isAccounted)) continue;
      const modified = Date.parse(o.lastModified);
      if (Number.isNaN(modified) || modified > cutoff) newer += 1;
      else old.push({ linkId, key: o.key, size: o.size, lastModified: o.lastModified });
    }
    if (res.nextMarker === null) break;
    marker = res.nextMarker;
  }
  return { old, newer };
}

export async function cosCleanup(
  setup: CliSetup,
  argv: readonly string[],
  out: Out,
  nowMs: number = Date.now(),
): Promise<number> {
  const deleteUnverified = argv.includes('--delete-unverified');
  const flags = parseFlags(
    argv.filter((a) => a !== '--delete-unverified'),
    ['--older-than'],
    COS_CLEANUP_USAGE,
  );
  let olderThan: number;
  try {
    olderThan = parseDuration(flags.values.get('--older-than') ?? '24h');
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${COS_CLEANUP_USAGE}`, 2);
  }
  const cutoff = nowMs - olderThan * 1000;
  const prefix = setup.config.uploadPrefix;
  const uploads = await setup.cos.listMultipartUploads(prefix);
  const old: MultipartUploadInfo[] = [];
  let unknownAge = 0;
  for (const u of uploads) {
    const started = u.initiated ? Date.parse(u.initiated) : NaN;
    if (Number.isNaN(started)) unknownAge += 1;
    else if (started <= cutoff) old.push(u);
  }
  const aborted: MultipartUploadInfo[] = [];
  const failed: Array<{ upload: MultipartUploadInfo; code: string }> = [];
  if (!flags.dryRun) {
    for (const u of old) {
      try {
        await setup.cos.abortMultipart(u.key, u.uploadId);
        aborted.push(u);
      } catch (err) {
        // Completed or aborted meanwhile: nothing left to clean.
        if (isCosCode(err, 'NoSuchUpload')) aborted.push(u);
        else failed.push({ upload: u, code: (err as { cosCode?: string }).cosCode ?? 'error' });
      }
    }
  }

  const unverified = await findUnverified(setup, nowMs, cutoff);
  const deleted: string[] = [];
  const notDeleted: Array<{ key: string; code: string }> = [];
  if (deleteUnverified && !flags.dryRun) {
    for (const o of unverified.old) {
      try {
        await setup.cos.deleteObject(o.key);
        deleted.push(o.key);
      } catch (err) {
        notDeleted.push({ key: o.key, code: (err as { cosCode?: string }).cosCode ?? 'error' });
      }
    }
  }

  if (flags.json) {
    out(
      JSON.stringify(
        {
          prefix,
          olderThanSeconds: olderThan,
          dryRun: flags.dryRun,
          found: uploads.length,
          old,
          aborted: aborted.length,
          failed,
          unknownAge,
          unverified: {
            old: unverified.old,
            newer: unverified.newer,
            deleted,
            failed: notDeleted,
          },
        },
        null,
        2,
      ),
    );
  } else {
    out(
      `${plural(uploads.length, 'multipart upload')} in progress under ${prefix}; ${old.length} started before ${new Date(cutoff).toISOString()}.`,
    );
    for (const u of old) {
      out(
        `  ${flags.dryRun ? 'would abort' : 'aborted'}  ${u.initiated ?? '?'}  ${u.key}  (${u.uploadId})`,
      );
    }
    for (const f of failed) out(`  FAILED (${f.code})  ${f.upload.key}`);
    if (unknownAge) out(`  ${plural(unknownAge, 'upload')} without a start time left alone.`);
    if (flags.dryRun && old.length) out('Dry run: nothing was aborted.');

    const bytes = unverified.old.reduce((n, o) => n + o.size, 0);
    out(
      `${plural(unverified.old.length, 'object')} never verified under ${prefix} (landed but never completed), ${formatBytes(bytes)}, last changed before ${new Date(cutoff).toISOString()}.`,
    );
    const removing = deleteUnverified && !flags.dryRun;
    for (const o of unverified.old) {
      const done = deleted.includes(o.key);
      out(
        `  ${removing ? (done ? 'deleted' : 'FAILED ') : 'kept   '}  ${o.lastModified}  ${o.key}  (${formatBytes(o.size)})`,
      );
    }
    if (unverified.newer) {
      out(`  ${plural(unverified.newer, 'newer one')} left alone (it may still be finishing).`);
    }
    if (unverified.old.length && !removing) {
      out(
        flags.dryRun && deleteUnverified
          ? 'Dry run: nothing was deleted.'
          : 'They are kept. Look at them first (they came through a link), then delete them with: npm run cos:cleanup -- --delete-unverified',
      );
    }
  }
  return failed.length || notDeleted.length ? 1 : 0;
}
