import { z } from 'zod';
import type { LinkClaims } from '../links/link-types';
import { StoredLinkClaimsSchema } from '../links/link-types';
import type { StateStore } from './state-store';

/**
 * The link registry, `links/<id>.json`: what was minted, when and with which key, so `list` and
 * `show` work. It is a record, not an authority: the signed token alone grants access, and a
 * link missing here (minted offline, or with the registry unreachable) still works.
 */
export interface LinkRecord {
  v: 1;
  createdAt: number;
  /** Key id the token was minted with. */
  kid: string;
  claims: LinkClaims;
  /**
   * What the link asks before signing (password hash, details, fields, terms, folder
   * template), read and checked against `claims.settingsHash` by server/submissions.
   */
  submission?: unknown;
}

const RecordSchema = z.object({
  v: z.literal(1),
  createdAt: z.number().int(),
  kid: z.string(),
  claims: StoredLinkClaimsSchema,
  submission: z.unknown().optional(),
});

const LINKS_DIR = 'links/';
const LINK_ID = /^[A-Za-z0-9_-]{16,64}$/;
const LIST_CONCURRENCY = 8;

export async function registerLink(store: StateStore, record: LinkRecord): Promise<void> {
  await store.put(`${LINKS_DIR}${record.claims.id}.json`, record, { ifAbsent: true });
}

export async function readLinkRecord(store: StateStore, id: string): Promise<LinkRecord | null> {
  if (!LINK_ID.test(id)) return null;
  const parsed = RecordSchema.safeParse(await store.get(`${LINKS_DIR}${id}.json`));
  return parsed.success ? parsed.data : null;
}

/** Every registered link, newest first. */
export async function listLinkRecords(store: StateStore): Promise<LinkRecord[]> {
  const ids = (await store.list(LINKS_DIR))
    .map((o) => o.name)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length));
  const records: LinkRecord[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const record = await readLinkRecord(store, ids[next++]!);
      if (record) records.push(record);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, ids.length) }, worker));
  return records.sort((a, b) => b.createdAt - a.createdAt || (a.claims.id < b.claims.id ? -1 : 1));
}
