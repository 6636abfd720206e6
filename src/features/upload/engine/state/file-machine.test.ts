/**
 * The whole per-file state machine as a table: every stage × every event gives the stage it
 * leads to, or `-` where the event is ignored. A new stage or event does not compile until
 * the table says what it does everywhere, so no transition passes unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { canCancel, canPause, canResume, canRetry } from './file-actions';
import {
  FILE_STAGES,
  IGNORED,
  STATUS_OF_STAGE,
  transition,
  type FileEvent,
  type FileEventType,
  type FileStage,
} from './file-machine';

const error = { code: 'network-error' as const };

/** One sample per column of the table; variants of an event get a column each. */
const COLUMNS = {
  pause: { type: 'pause' },
  'resume(planned)': { type: 'resume', planned: true },
  'resume(unplanned)': { type: 'resume', planned: false },
  cancel: { type: 'cancel' },
  'retry(keep)': { type: 'retry', keep: 'parts', rehash: false },
  'retry(afresh)': { type: 'retry', keep: 'none', rehash: true },
  'plan-started': { type: 'plan-started' },
  planned: { type: 'planned' },
  'not-resumable': { type: 'not-resumable', urgent: false },
  'refused(limit)': { type: 'refused', error: { code: 'file-too-large' }, reject: true },
  'refused(other)': { type: 'refused', error, reject: false },
  'run-waiting': { type: 'run-waiting' },
  'run-signing': { type: 'run-signing' },
  'run-sending': { type: 'run-sending' },
  'run-offline': { type: 'run-offline' },
  'run-verifying': { type: 'run-verifying' },
  verified: { type: 'verified', key: 'k', etag: '"e"', crc64: '1' },
  failed: { type: 'failed', error, bytesSent: 0 },
  'hash-failed': { type: 'hash-failed', error, bytesSent: 0 },
} satisfies Record<string, FileEvent>;

// Every event type has a column (a compile error otherwise).
const _everyEventHasAColumn: Record<FileEventType, unknown> = {
  pause: 0,
  resume: 0,
  cancel: 0,
  retry: 0,
  'plan-started': 0,
  planned: 0,
  'not-resumable': 0,
  refused: 0,
  'run-waiting': 0,
  'run-signing': 0,
  'run-sending': 0,
  'run-offline': 0,
  'run-verifying': 0,
  verified: 0,
  failed: 0,
  'hash-failed': 0,
};

type Column = keyof typeof COLUMNS;
type Row = Record<Column, FileStage | '-'>;

const none: Row = Object.fromEntries(Object.keys(COLUMNS).map((c) => [c, '-'])) as Row;
const row = (moves: Partial<Row>): Row => ({ ...none, ...moves });

/** While a run is alive it reports where it is; the person may pause or cancel it. */
const running = (moves: Partial<Row>): Row =>
  row({ pause: 'held', cancel: 'cancelled', failed: 'failed', 'hash-failed': 'failed', ...moves });

const TABLE: Record<FileStage, Row> = {
  'to-sign': row({
    pause: 'held',
    cancel: 'cancelled',
    'plan-started': 'planning',
    'hash-failed': 'failed',
  }),
  planning: row({
    pause: 'held-planning',
    cancel: 'cancelled',
    planned: 'to-send',
    'not-resumable': 'to-sign',
    'refused(limit)': 'rejected',
    'refused(other)': 'failed',
    verified: 'done',
    'hash-failed': 'failed',
  }),
  'held-planning': row({
    'resume(planned)': 'planning',
    'resume(unplanned)': 'planning',
    cancel: 'cancelled',
    planned: 'held',
    'not-resumable': 'held',
    'refused(limit)': 'rejected',
    'refused(other)': 'failed',
    verified: 'done',
    'hash-failed': 'failed',
  }),
  held: row({
    'resume(planned)': 'to-send',
    'resume(unplanned)': 'to-sign',
    cancel: 'cancelled',
    'hash-failed': 'failed',
  }),
  'to-send': running({
    'run-signing': 'replanning',
    'run-sending': 'sending',
    'run-offline': 'offline',
    'run-verifying': 'verifying',
  }),
  replanning: running({
    'run-waiting': 'to-send',
    'run-sending': 'sending',
    'run-offline': 'offline',
    'run-verifying': 'verifying',
  }),
  sending: running({
    'run-waiting': 'to-send',
    'run-signing': 'replanning',
    'run-offline': 'offline',
    'run-verifying': 'verifying',
  }),
  offline: running({
    'run-waiting': 'to-send',
    'run-signing': 'replanning',
    'run-sending': 'sending',
    'run-verifying': 'verifying',
  }),
  // Bytes are stored and the signer is deciding: no pause, no cancel.
  verifying: row({
    'run-waiting': 'to-send',
    'run-signing': 'replanning',
    verified: 'done',
    failed: 'failed',
  }),
  done: none,
  failed: row({ cancel: 'cancelled', 'retry(keep)': 'to-send', 'retry(afresh)': 'to-sign' }),
  cancelled: row({ 'retry(keep)': 'to-send', 'retry(afresh)': 'to-sign' }),
  rejected: none,
};

describe('transition: every stage × every event', () => {
  it('the table names every stage', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...FILE_STAGES].sort());
  });

  const cases = FILE_STAGES.flatMap((stage) =>
    (Object.keys(COLUMNS) as Column[]).map((column) => [stage, column] as const),
  );
  it.each(cases)('%s + %s', (stage, column) => {
    const expected = TABLE[stage][column];
    const result = transition(stage, COLUMNS[column]);
    if (expected === '-') expect(result).toBe(IGNORED);
    else expect(result?.stage).toBe(expected);
  });
});

describe('effects', () => {
  const effectsOf = (stage: FileStage, event: FileEvent) =>
    transition(stage, event)?.effects.map((e) => e.type);

  it('pausing a run stops it and shows only what COS holds', () => {
    expect(effectsOf('sending', COLUMNS.pause)).toEqual(['stop-run', 'rollback-progress']);
    expect(effectsOf('to-sign', COLUMNS.pause)).toEqual(['rollback-progress']);
  });

  it('cancelling gives everything up: run, hash, the link usage, the server upload, the record', () => {
    expect(effectsOf('offline', COLUMNS.cancel)).toEqual([
      'stop-run',
      'stop-hash',
      'uncount',
      'abort-upload',
      'forget-resume',
    ]);
  });

  it('resuming starts the run when there is a plan, else queues the file for signing first', () => {
    expect(effectsOf('held', COLUMNS['resume(planned)'])).toEqual(['start-run']);
    expect(transition('held', COLUMNS['resume(unplanned)'])?.effects).toEqual([
      { type: 'sign', urgent: true },
    ]);
  });

  it('a retry prepares the file, then runs it or signs it afresh', () => {
    expect(effectsOf('failed', COLUMNS['retry(keep)'])).toEqual(['prepare-retry', 'start-run']);
    expect(effectsOf('cancelled', COLUMNS['retry(afresh)'])).toEqual(['prepare-retry', 'sign']);
  });

  it('a refusal for a limit gives the file up; another failure may keep its record', () => {
    expect(effectsOf('planning', COLUMNS['refused(limit)'])).toEqual(['stop-hash', 'uncount']);
    expect(effectsOf('planning', COLUMNS['refused(other)'])).toEqual([
      'stop-run',
      'forget-resume-if-gone',
    ]);
  });

  it('a verified file forgets its remembered upload', () => {
    expect(effectsOf('verifying', COLUMNS.verified)).toEqual(['forget-resume']);
  });
});

describe('status and actions follow from the stage', () => {
  it('maps each stage to the status its row shows', () => {
    expect(FILE_STAGES.filter((s) => STATUS_OF_STAGE[s] === 'paused')).toEqual([
      'offline',
      'held',
      'held-planning',
    ]);
  });

  it('offers what the machine accepts', () => {
    const offers = (stage: FileStage) =>
      [
        canPause({ stage }) && 'pause',
        canResume({ stage }) && 'resume',
        canCancel({ stage }) && 'cancel',
        canRetry({ stage }) && 'retry',
      ].filter(Boolean);
    expect(offers('sending')).toEqual(['pause', 'cancel']);
    // Waiting for the network: it goes on by itself; the person may still hold it.
    expect(offers('offline')).toEqual(['pause', 'cancel']);
    expect(offers('held')).toEqual(['resume', 'cancel']);
    expect(offers('verifying')).toEqual([]);
    expect(offers('failed')).toEqual(['cancel', 'retry']);
    expect(offers('cancelled')).toEqual(['retry']);
    expect(offers('done')).toEqual([]);
    expect(offers('rejected')).toEqual([]);
  });
});
