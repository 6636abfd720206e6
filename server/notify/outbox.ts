import { z } from 'zod';
import { DeliveryProblem } from '../../protocol/admin';
import type { StateStore } from '../state/state-store';
import type { NotifyLanguage } from './closed-submission';
import type { NotifyEventType } from './notify-event';

/**
 * The notification outbox, in the bucket under the state prefix (no database, like the rest):
 *
 *   notify/pending/<linkId>/<eventId>.json   an event not yet delivered to every target
 *   notify/done/<linkId>/<eventId>.json      the same, once every delivery has finished
 *   notify/attempts/<eventId>/<target>/<seq> each delivery's journal: claims and results
 *
 * An event is one object, written once (create-if-absent) before anything is sent: its exact
 * webhook body and its targets. Whatever happens to the instance that wrote it, any instance's
 * next scan of `pending/` finds it. Each (event, target) delivery has an append-only journal
 * whose entries are written with `x-cos-forbid-overwrite`: to attempt a delivery an instance
 * appends a *claim* (with a lease) as entry `seq + 1`, so of two instances only one can attempt
 * it; it then appends the *result*. A claim whose lease ran out without a result (the instance
 * died) is taken over by the next claim. This is the quota journal's optimistic concurrency
 * (server/state/quota-journal.ts) applied to deliveries.
 */
export interface TargetRef {
  /** targetId(): the journal's name. */
  key: string;
  /** `link`: the link's own (spec stored here); `default`: from NOTIFY_DEFAULT, by key only
   * (its secrets stay in the environment). */
  source: 'link' | 'default';
  spec?: string;
}

export interface OutboxEvent {
  v: 1;
  id: string;
  type: NotifyEventType;
  linkId: string;
  createdAt: number;
  language: NotifyLanguage;
  adminUrl: string;
  /** The webhook body, byte for byte what every attempt sends and signs. */
  raw: string;
  targets: TargetRef[];
  finishedAt?: number;
}

export type JournalEntry =
  | { v: 1; k: 'claim'; n: number; at: number; by: string; until: number }
  | {
      v: 1;
      k: 'result';
      n: number;
      at: number;
      outcome: 'delivered' | 'retry' | 'failed';
      status: number | null;
      error: string | null;
      /** The same as a code; absent in entries written before codes were kept. */
      problem?: DeliveryProblem;
      nextAt: number | null;
    };

const EventSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  type: z.enum(['submission.completed', 'test']),
  linkId: z.string(),
  createdAt: z.number(),
  language: z.enum(['en', 'zh-CN']),
  adminUrl: z.string(),
  raw: z.string(),
  targets: z.array(
    z.object({
      key: z.string(),
      source: z.enum(['link', 'default']),
      spec: z.string().optional(),
    }),
  ),
  finishedAt: z.number().optional(),
});

const EntrySchema = z.discriminatedUnion('k', [
  z.object({
    v: z.literal(1),
    k: z.literal('claim'),
    n: z.number().int(),
    at: z.number(),
    by: z.string(),
    until: z.number(),
  }),
  z.object({
    v: z.literal(1),
    k: z.literal('result'),
    n: z.number().int(),
    at: z.number(),
    outcome: z.enum(['delivered', 'retry', 'failed']),
    status: z.number().nullable(),
    error: z.string().nullable(),
    problem: z.optional(DeliveryProblem),
    nextAt: z.number().nullable(),
  }),
]);

const SEQ_DIGITS = 6;
const seqName = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');

export interface JournalHead {
  seq: number;
  entry: JournalEntry;
  /** The entry before the head (the last result, when the head is a claim). */
  previous: JournalEntry | null;
}

export class Outbox {
  constructor(private readonly store: StateStore) {}

  private pendingPath = (linkId: string, id: string) => `notify/pending/${linkId}/${id}.json`;
  private donePath = (linkId: string, id: string) => `notify/done/${linkId}/${id}.json`;
  private journalDir = (id: string, key: string) => `notify/attempts/${id}/${key}/`;

  /**
   * Records a new event. Returns false when it was there already (the same submission told
   * twice), pending or done: it is then not delivered again.
   */
  async add(event: OutboxEvent): Promise<boolean> {
    if (await this.store.exists(this.donePath(event.linkId, event.id))) return false;
    return this.store.put(this.pendingPath(event.linkId, event.id), event, { ifAbsent: true });
  }

  /** Every pending event, oldest first. */
  async listPending(): Promise<Array<{ linkId: string; id: string }>> {
    const out: Array<{ linkId: string; id: string }> = [];
    for (const { name } of await this.store.list('notify/pending/')) {
      const m = /^([^/]+)\/([^/]+)\.json$/.exec(name);
      if (m) out.push({ linkId: m[1]!, id: m[2]! });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async readPending(linkId: string, id: string): Promise<OutboxEvent | null> {
    const parsed = EventSchema.safeParse(await this.store.get(this.pendingPath(linkId, id)));
    return parsed.success ? parsed.data : null;
  }

  /** Moves a fully delivered (or given up) event to `done/`; safe to repeat. */
  async finish(event: OutboxEvent, at: number): Promise<void> {
    await this.store.put(this.donePath(event.linkId, event.id), { ...event, finishedAt: at });
    await this.store.delete(this.pendingPath(event.linkId, event.id));
  }

  /** A link's newest events, pending and done, newest first. */
  async linkEvents(linkId: string, limit: number): Promise<OutboxEvent[]> {
    const [pending, done] = await Promise.all([
      this.store.list(`notify/pending/${linkId}/`),
      this.store.list(`notify/done/${linkId}/`),
    ]);
    const names = [
      ...pending.map((o) => ({ name: o.name, path: `notify/pending/${linkId}/${o.name}` })),
      ...done.map((o) => ({ name: o.name, path: `notify/done/${linkId}/${o.name}` })),
    ]
      .filter((o) => o.name.endsWith('.json'))
      .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    // An event moving from pending to done while being listed shows up once.
    const seen = new Set<string>();
    const unique = names.filter((o) => !seen.has(o.name) && seen.add(o.name)).slice(0, limit);
    const events = await Promise.all(
      unique.map(async (o) => EventSchema.safeParse(await this.store.get(o.path))),
    );
    return events.flatMap((p) => (p.success ? [p.data] : []));
  }

  async head(id: string, key: string): Promise<JournalHead | null> {
    const dir = this.journalDir(id, key);
    const names = (await this.store.list(dir))
      .map((o) => o.name)
      .filter((n) => /^\d+$/.test(n))
      .sort();
    const last = names.at(-1);
    if (last === undefined) return null;
    const read = async (name: string | undefined) => {
      if (name === undefined) return null;
      const parsed = EntrySchema.safeParse(await this.store.get(dir + name));
      return parsed.success ? (parsed.data as JournalEntry) : null;
    };
    const entry = await read(last);
    if (!entry) return null;
    const previous = entry.k === 'claim' ? await read(names.at(-2)) : null;
    return { seq: Number(last), entry, previous };
  }

  /** Appends entry `seq` (create-if-absent); false when another instance wrote it first. */
  append(id: string, key: string, seq: number, entry: JournalEntry): Promise<boolean> {
    return this.store.put(this.journalDir(id, key) + seqName(seq), entry, { ifAbsent: true });
  }
}
