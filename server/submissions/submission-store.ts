import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FieldValue, Uploader } from '../../protocol/submissions';
import type { CountedUpload, Ledger } from '../state/ledger';
import type { StateStore } from '../state/state-store';

/**
 * A submission's state in the bucket, under STATE_PREFIX, one folder per submission:
 *
 * | object | written when | |
 * |---|---|---|
 * | `submissions/<link>/<id>/submission.json` | opened | details, fields, terms, folder, user agent (create-if-absent) |
 * | `…/p.<time>.<count>.<rand>` | files are signed | the batch's files: key, original name, size, type |
 * | `ledger/<link>/<id>/b.<time>.<rand>` | files verified | the completion ledger's batch for them (state/ledger.ts): one object per verification call, which also counts them for the link |
 * | `…/v.<keyHash>.<size>.<crc64\|n>.<time>` | a file verified, by signers before ledger batches | (empty body: the name says it all; still read) |
 * | `…/f.<keyHash>.<reason>.<time>` | a file failed or was cancelled | |
 * | `…/a.<time>` | URLs signed again (at most once a minute per instance) | activity, for the idle timer |
 * | `…/closed.json` | closed | create-if-absent: the one close that counts |
 * | `…/hooked` | the close hook ran | |
 * | `open-submissions/<link>.<id>.<start>` | opened; removed once closed and hooked | what the sweep looks at |
 *
 * Names carry times, sizes and checksums so that a listing tells how a submission stands
 * (files failed, in flight, last activity) without reading any object; what was verified is a
 * listing of the submission's ledger folder plus the batches this instance has not read yet
 * (they never change). So the idle sweep costs two LISTs per open submission. Times are the
 * signer's clock (ms).
 */
export interface OpenRecord {
  v: 1;
  id: string;
  linkId: string;
  startedAt: number;
  /** Below the link's prefix, ending in `/`. */
  folder: string;
  /** Where the manifest goes (full object key). */
  manifestKey: string;
  /** What closing needs of the link (the sweep has no token to read it from). */
  link: { title: string; maxFiles: number | null; maxTotalBytes: number | null };
  uploader: Uploader;
  fields: Record<string, FieldValue>;
  terms: { hash: string; acceptedAt: number } | null;
  userAgent: string;
}

export interface ClosedRecord {
  closedAt: number;
  by: 'finish' | 'idle';
}

/** One file as signed: what the manifest needs besides the verification. */
export interface PlannedFile {
  /** uploadKeyHash of the key (the ledger's). */
  h: string;
  key: string;
  /** Original name with its folder path. */
  name: string;
  size: number;
  /** The Content-Type signed into the upload. */
  type: string;
}

export interface Listing {
  hasOpen: boolean;
  closed: boolean;
  hooked: boolean;
  planned: Array<{ name: string; at: number; count: number }>;
  /** By key hash; the earliest verification of each. */
  verified: Map<string, CountedUpload>;
  /** By key hash; the latest failure of each. */
  failed: Map<string, { reason: string; at: number }>;
  activity: number[];
}

/**
 * What a submission keeps of its sender (details, answers, terms accepted): the same in its
 * open record and in the manifest written when it closes.
 */
export const SenderRecordShape = {
  uploader: z.object({
    name: z.string().optional(),
    email: z.string().optional(),
    organisation: z.string().optional(),
    phone: z.string().optional(),
  }),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  terms: z.object({ hash: z.string(), acceptedAt: z.number().int() }).nullable(),
};

const OpenRecordSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  linkId: z.string(),
  startedAt: z.number().int(),
  folder: z.string(),
  manifestKey: z.string(),
  link: z.object({
    title: z.string(),
    maxFiles: z.number().int().nullable(),
    maxTotalBytes: z.number().int().nullable(),
  }),
  ...SenderRecordShape,
  userAgent: z.string(),
});
const ClosedSchema = z.object({
  closedAt: z.number().int(),
  by: z.enum(['finish', 'idle']),
});
const PlannedSchema = z.array(
  z.object({
    h: z.string(),
    key: z.string(),
    name: z.string(),
    size: z.number().int().nonnegative(),
    type: z.string(),
  }),
);

const REASON = /^[a-z][a-z-]{0,40}$/;
const HASH = /^[A-Za-z0-9_-]{1,64}$/;
const OPEN_INDEX = 'open-submissions/';
const READ_CONCURRENCY = 8;

function emptyListing(): Listing {
  return {
    hasOpen: false,
    closed: false,
    hooked: false,
    planned: [],
    verified: new Map(),
    failed: new Map(),
    activity: [],
  };
}

const int = (s: string | undefined) => {
  const n = Number(s);
  return s !== undefined && /^\d+$/.test(s) && Number.isSafeInteger(n) ? n : null;
};

/** Adds one object name (relative to the submission's folder) to a listing. */
function addName(l: Listing, name: string): void {
  if (name === 'submission.json') l.hasOpen = true;
  else if (name === 'closed.json') l.closed = true;
  else if (name === 'hooked') l.hooked = true;
  const parts = name.split('.');
  switch (parts[0]) {
    case 'p': {
      const at = int(parts[1]);
      const count = int(parts[2]);
      if (parts.length === 4 && at !== null && count !== null) l.planned.push({ name, at, count });
      break;
    }
    case 'v': {
      const [, h, size, crc, at] = parts;
      const s = int(size);
      const t = int(at);
      if (parts.length !== 5 || !HASH.test(h ?? '') || s === null || t === null) break;
      if (crc !== 'n' && !/^\d{1,20}$/.test(crc ?? '')) break;
      const prior = l.verified.get(h!);
      if (!prior || t < prior.at)
        l.verified.set(h!, { size: s, crc64: crc === 'n' ? null : crc!, at: t });
      break;
    }
    case 'f': {
      const [, h, reason, at] = parts;
      const t = int(at);
      if (parts.length !== 4 || !HASH.test(h ?? '') || !REASON.test(reason ?? '') || t === null) {
        break;
      }
      const prior = l.failed.get(h!);
      if (!prior || t >= prior.at) l.failed.set(h!, { reason: reason!, at: t });
      break;
    }
    case 'a': {
      const t = int(parts[1]);
      if (parts.length === 2 && t !== null) l.activity.push(t);
      break;
    }
  }
}

const stamp = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(13, '0');
const indexName = (linkId: string, id: string, startedAt: number) =>
  `${OPEN_INDEX}${linkId}.${id}.${stamp(startedAt)}`;

/** Adds a submission's ledger records (its verified files) to its listing. */
function addVerified(l: Listing, counted: ReadonlyMap<string, CountedUpload> | undefined): void {
  for (const [h, v] of counted ?? []) {
    const prior = l.verified.get(h);
    if (!prior || v.at < prior.at) l.verified.set(h, v);
  }
}

export class SubmissionStore {
  constructor(
    private readonly store: StateStore,
    /** Where verified files are recorded (scope: the submission's id). */
    private readonly ledger: Ledger,
  ) {}

  dir(linkId: string, id: string): string {
    return `submissions/${linkId}/${id}/`;
  }

  /** Records a new submission and puts it on the sweep's list. */
  async create(record: OpenRecord): Promise<void> {
    await this.store.put(
      indexName(record.linkId, record.id, record.startedAt),
      {},
      {
        ifAbsent: true,
      },
    );
    const created = await this.store.put(
      `${this.dir(record.linkId, record.id)}submission.json`,
      record,
      {
        ifAbsent: true,
      },
    );
    if (!created) throw new Error('submission id collision');
  }

  async readOpen(linkId: string, id: string): Promise<OpenRecord | null> {
    const parsed = OpenRecordSchema.safeParse(
      await this.store.get(`${this.dir(linkId, id)}submission.json`),
    );
    return parsed.success ? parsed.data : null;
  }

  async readClosed(linkId: string, id: string): Promise<ClosedRecord | null> {
    const parsed = ClosedSchema.safeParse(
      await this.store.get(`${this.dir(linkId, id)}closed.json`),
    );
    return parsed.success ? parsed.data : null;
  }

  /** A fresh look (HEAD) at whether the submission is closed. */
  isClosed(linkId: string, id: string): Promise<boolean> {
    return this.store.exists(`${this.dir(linkId, id)}closed.json`);
  }

  /** Create-if-absent: true for the one caller whose close counts. */
  claimClose(linkId: string, id: string, closed: ClosedRecord): Promise<boolean> {
    return this.store.put(`${this.dir(linkId, id)}closed.json`, closed, { ifAbsent: true });
  }

  async markHooked(linkId: string, id: string): Promise<void> {
    await this.store.put(`${this.dir(linkId, id)}hooked`, {}, { ifAbsent: true });
  }

  async list(linkId: string, id: string): Promise<Listing> {
    const l = emptyListing();
    const [names, counted] = await Promise.all([
      this.store.list(this.dir(linkId, id)),
      this.ledger.scope(linkId, id),
    ]);
    for (const { name } of names) addName(l, name);
    addVerified(l, counted);
    return l;
  }

  /** Every submission of a link, by id, from one listing of the link's folder and its ledger. */
  async listLink(linkId: string): Promise<Map<string, Listing>> {
    const out = new Map<string, Listing>();
    const [names, scopes] = await Promise.all([
      this.store.list(`submissions/${linkId}/`),
      this.ledger.scopes(linkId),
    ]);
    for (const { name } of names) {
      const slash = name.indexOf('/');
      if (slash <= 0) continue;
      const id = name.slice(0, slash);
      let l = out.get(id);
      if (!l) out.set(id, (l = emptyListing()));
      addName(l, name.slice(slash + 1));
    }
    for (const [id, l] of out) addVerified(l, scopes.get(id));
    return out;
  }

  async plan(linkId: string, id: string, files: readonly PlannedFile[], at: number): Promise<void> {
    const name = `p.${stamp(at)}.${files.length}.${randomBytes(6).toString('base64url')}`;
    await this.store.put(this.dir(linkId, id) + name, files);
  }

  /** The files of the given planned batches, in the order they were signed. */
  async readPlanned(
    linkId: string,
    id: string,
    batches: Listing['planned'],
  ): Promise<PlannedFile[]> {
    const sorted = [...batches].sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
    const out: PlannedFile[][] = new Array(sorted.length);
    let next = 0;
    const worker = async () => {
      while (next < sorted.length) {
        const i = next++;
        const parsed = PlannedSchema.safeParse(
          await this.store.get(this.dir(linkId, id) + sorted[i]!.name),
        );
        out[i] = parsed.success ? parsed.data : [];
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, sorted.length) }, worker));
    return out.flat();
  }

  /** Takes back a verified file whose object was removed (see SubmissionService). */
  async unverify(linkId: string, id: string, key: string): Promise<void> {
    await this.ledger.withdraw(linkId, id, key);
  }

  async failed(linkId: string, id: string, h: string, reason: string, at: number): Promise<void> {
    const safe = REASON.test(reason) ? reason : 'failed';
    await this.store.put(`${this.dir(linkId, id)}f.${h}.${safe}.${stamp(at)}`, {});
  }

  async touch(linkId: string, id: string, at: number): Promise<string> {
    const name = `a.${stamp(at)}`;
    await this.store.put(this.dir(linkId, id) + name, {});
    return name;
  }

  async removeObject(linkId: string, id: string, name: string): Promise<void> {
    await this.store.delete(this.dir(linkId, id) + name);
  }

  /** Submissions not yet closed and hooked. */
  async openIndex(): Promise<Array<{ linkId: string; id: string; startedAt: number }>> {
    const out: Array<{ linkId: string; id: string; startedAt: number }> = [];
    for (const { name } of await this.store.list(OPEN_INDEX)) {
      const [linkId, id, start, ...rest] = name.split('.');
      const startedAt = int(start);
      if (linkId && id && startedAt !== null && rest.length === 0) {
        out.push({ linkId, id, startedAt });
      }
    }
    return out;
  }

  async removeFromIndex(linkId: string, id: string, startedAt: number): Promise<void> {
    await this.store.delete(indexName(linkId, id, startedAt));
  }
}

/**
 * When a submission stands as its listing says: its last activity, the files still in flight
 * (signed, neither verified nor failed), and so when it closes by itself. With files in
 * flight it waits at least as long as a signed URL lives (plus the grace a reservation has),
 * so a slow upload on a URL that is still valid is never cut off.
 */
export function idleState(
  l: Listing,
  startedAt: number,
  opts: { idleMs: number; inFlightMs: number },
): { lastActivity: number; inFlight: number; closesAt: number } {
  const settled = new Set([...l.verified.keys(), ...l.failed.keys()]);
  const planned = l.planned.reduce((n, p) => n + p.count, 0);
  const inFlight = Math.max(0, planned - settled.size);
  // Loops, not Math.max(...spread): a submission may have tens of thousands of files.
  let lastActivity = startedAt;
  const seen = (t: number) => {
    if (t > lastActivity) lastActivity = t;
  };
  for (const p of l.planned) seen(p.at);
  for (const v of l.verified.values()) seen(v.at);
  for (const f of l.failed.values()) seen(f.at);
  for (const t of l.activity) seen(t);
  const wait = inFlight > 0 ? Math.max(opts.idleMs, opts.inFlightMs) : opts.idleMs;
  return { lastActivity, inFlight, closesAt: lastActivity + wait };
}
