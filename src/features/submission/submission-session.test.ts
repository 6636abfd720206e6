import { describe, expect, it, vi } from 'vitest';
import type {
  OpenSubmissionRequest,
  SubmissionReceipt,
  SubmissionRequirements,
} from '../../../protocol/submissions';
import { SignerError } from '../../lib/api-client';
import type { SubmissionApi } from './api/submission-api';
import { createSubmissionSession, type Clock } from './submission-session';
import type { VisitStore } from './visit-store';

const HASH = 'a'.repeat(64);
const GATED: SubmissionRequirements = {
  password: true,
  details: ['name', 'email'],
  fields: [
    { label: 'Student ID', type: 'text', required: true },
    { label: 'Faculty', type: 'select', required: false, options: ['Arts', 'Science'] },
  ],
  terms: { text: 'I own what I send.', hash: HASH },
  idleSeconds: 600,
};

function receipt(over: Partial<SubmissionReceipt> = {}): SubmissionReceipt {
  return {
    id: 'sub-1',
    linkId: 'link-1',
    state: 'open',
    startedAt: 1000,
    closedAt: null,
    closedBy: null,
    closesAt: 601_000,
    inFlight: 0,
    uploader: {},
    fields: {},
    terms: null,
    files: [],
    failed: [],
    totalBytes: 0,
    ...over,
  };
}

function fakeClock() {
  let now = 1_000;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout(run, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.run();
        }
      }
    },
  };
}

function memoryStore(): VisitStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v) };
}

function fakeApi(over: Partial<SubmissionApi> = {}) {
  const opened: OpenSubmissionRequest[] = [];
  const api: SubmissionApi = {
    unlock: vi.fn(async (password: string) => {
      if (password !== 'open sesame') {
        throw new SignerError({
          code: 'password-required',
          status: 401,
          message: 'wrong',
          details: { attemptsLeft: 4 },
        });
      }
      return { serverTime: 1_000, proof: 'proof-1', expiresAt: 1_000 + 1_800_000 };
    }),
    open: vi.fn(async (body: OpenSubmissionRequest) => {
      opened.push(body);
      return {
        serverTime: 1_000,
        submission: {
          id: `sub-${opened.length}`,
          token: `tok-${opened.length}`,
          startedAt: 1_000,
          idleSeconds: 600,
        },
      };
    }),
    status: vi.fn(async () => ({ serverTime: 1_000, submission: receipt() })),
    finish: vi.fn(async () => ({
      serverTime: 2_000,
      submission: receipt({ state: 'closed', closedAt: 2_000, closedBy: 'finish', closesAt: null }),
    })),
    ...over,
  };
  return { api, opened };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('submission session', () => {
  it('on a link that asks nothing: no gates, one submission opened for concurrent batches', async () => {
    const { api, opened } = fakeApi();
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: null,
      storage: memoryStore(),
    });
    expect(s.getSnapshot()).toMatchObject({ gates: [], gate: null, state: 'none' });
    const [a, b] = await Promise.all([s.token(), s.token()]);
    expect(a).toBe('tok-1');
    expect(b).toBe('tok-1');
    expect(opened).toEqual([{}]);
    expect(s.getSnapshot()).toMatchObject({ state: 'open', id: 'sub-1' });
  });

  it('asks password, details and terms in the signer’s order, then opens with all three', async () => {
    const { api, opened } = fakeApi();
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: GATED,
      storage: memoryStore(),
    });
    expect(s.getSnapshot().gates).toEqual(['password', 'details', 'terms']);
    expect(s.getSnapshot().gate).toBe('password');

    expect(await s.unlock('guess')).toEqual({ ok: false, kind: 'wrong', attemptsLeft: 4 });
    expect(s.getSnapshot().gate).toBe('password');
    expect(await s.unlock('open sesame')).toEqual({ ok: true });
    expect(s.getSnapshot().gate).toBe('details');

    // The same rules as the signer: a bad email and a missing required field are named.
    expect(s.answer({ details: { name: 'Ana', email: 'ana@' }, fields: {} })).toBe(false);
    expect(s.getSnapshot().refused).toEqual({
      missing: ['field:Student ID'],
      invalid: [{ field: 'email', reason: 'not-email' }],
    });
    expect(s.getSnapshot().gate).toBe('details');
    expect(
      s.answer({
        details: { name: ' Ana ', email: 'ana@example.com' },
        fields: { 'Student ID': 'S-1' },
      }),
    ).toBe(true);
    expect(s.getSnapshot().gate).toBe('terms');
    s.reviseDetails();
    expect(s.getSnapshot().gate).toBe('details');
    expect(s.getSnapshot().answers.details.name).toBe('Ana');
    s.answer(s.getSnapshot().answers);
    s.acceptTerms(HASH);
    expect(s.getSnapshot().gate).toBeNull();

    await s.token();
    expect(opened).toEqual([
      {
        proof: 'proof-1',
        details: { name: 'Ana', email: 'ana@example.com' },
        fields: { 'Student ID': 'S-1' },
        termsAccepted: HASH,
      },
    ]);
  });

  it('shows the wait after too many wrong passwords', async () => {
    const { api } = fakeApi({
      unlock: async () => {
        throw new SignerError({
          code: 'rate-limited',
          status: 429,
          message: 'wait',
          details: { retryAfter: '125' },
        });
      },
    });
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: GATED,
      storage: memoryStore(),
    });
    expect(await s.unlock('x')).toEqual({ ok: false, kind: 'wait', retryAfterSeconds: 125 });
  });

  it('asks the password again when the proof runs out before any file was sent', async () => {
    const { api } = fakeApi();
    const { clock, advance } = fakeClock();
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: { ...GATED, details: [], fields: [], terms: null },
      storage: memoryStore(),
      clock,
    });
    await s.unlock('open sesame');
    expect(s.getSnapshot().gate).toBeNull();
    advance(1_800_000 - 31_000);
    expect(s.getSnapshot().gate).toBeNull();
    advance(2_000);
    expect(s.getSnapshot()).toMatchObject({ gate: 'password', again: 'password' });
    await s.unlock('open sesame');
    expect(s.getSnapshot()).toMatchObject({ gate: null, again: null });
  });

  it('brings a gate back when the signer refuses it on opening', async () => {
    const { api } = fakeApi({
      open: async () => {
        throw new SignerError({
          code: 'uploader-details-required',
          status: 400,
          message: 'no',
          details: { missing: [], invalid: [{ field: 'field:Student ID', reason: 'too-long' }] },
        });
      },
    });
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: { ...GATED, password: false, terms: null },
      storage: memoryStore(),
    });
    s.answer({ details: { name: 'A', email: 'a@example.com' }, fields: { 'Student ID': '1' } });
    expect(s.getSnapshot().gate).toBeNull();
    await expect(s.token()).rejects.toMatchObject({ code: 'uploader-details-required' });
    expect(s.getSnapshot()).toMatchObject({ gate: 'details', again: 'details' });
    expect(s.getSnapshot().refused?.invalid).toEqual([
      { field: 'field:Student ID', reason: 'too-long' },
    ]);
  });

  it('keeps answers and the submission for the visit, never the password or its proof', async () => {
    const storage = memoryStore();
    const { api } = fakeApi();
    const s = createSubmissionSession({ api, linkId: 'l', requirements: GATED, storage });
    await s.unlock('open sesame');
    s.answer({ details: { name: 'Ana', email: 'ana@example.com' }, fields: { 'Student ID': 'S' } });
    s.acceptTerms(HASH);
    await s.token();
    const kept = [...storage.data.values()].join('\n');
    expect(kept).toContain('ana@example.com');
    expect(kept).toContain('tok-1');
    expect(kept).not.toContain('open sesame');
    expect(kept).not.toContain('proof-1');

    // A reload: the open submission continues, no gate is asked again.
    const again = createSubmissionSession({ api, linkId: 'l', requirements: GATED, storage });
    expect(again.getSnapshot()).toMatchObject({ state: 'open', gate: null });
    expect(await again.token()).toBe('tok-1');
    await flush();
    expect(api.status).toHaveBeenCalledWith('tok-1');
  });

  it('takes details from the host, asks only the rest, and refuses bad or late ones', async () => {
    const { api, opened } = fakeApi();
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: { ...GATED, password: false, terms: null },
      storage: memoryStore(),
    });
    const outcome = s.prefill({
      details: { name: ' Host Name ', email: 'not an email', phone: '123' },
      fields: { 'Student ID': 'S-9' },
    });
    expect(outcome).toEqual({
      ok: true,
      accepted: ['name', 'field:Student ID'],
      refused: [
        { field: 'email', reason: 'not-email' },
        { field: 'phone', reason: 'not-asked' },
      ],
    });
    expect(s.getSnapshot().ask).toEqual({ details: ['email'], fields: [GATED.fields[1]] });
    expect(s.answer({ details: { email: 'me@example.com' }, fields: {} })).toBe(true);
    await s.token();
    expect(opened[0]).toEqual({
      details: { email: 'me@example.com', name: 'Host Name' },
      fields: { 'Student ID': 'S-9' },
    });
    expect(s.prefill({ details: { name: 'Late' } })).toEqual({
      ok: false,
      reason: 'submission-open',
    });
  });

  it('finishes once, reports the close once, and starts a new submission without asking again', async () => {
    const { api, opened } = fakeApi();
    const onClosed = vi.fn();
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: { ...GATED, password: false },
      storage: memoryStore(),
    });
    s.onClosed(onClosed);
    s.answer({ details: { name: 'A', email: 'a@example.com' }, fields: { 'Student ID': '1' } });
    s.acceptTerms(HASH);
    await s.token();
    const done = await s.finish();
    expect(done.state).toBe('closed');
    expect(s.getSnapshot()).toMatchObject({ state: 'closed', gate: null, generation: 0 });
    await expect(s.token()).rejects.toMatchObject({ code: 'submission-closed' });
    await s.finish();
    expect(onClosed).toHaveBeenCalledTimes(1);

    s.startNew();
    expect(s.getSnapshot()).toMatchObject({
      state: 'none',
      gate: null,
      generation: 1,
      receipt: null,
    });
    expect(await s.token()).toBe('tok-2');
    expect(opened[1]).toEqual(opened[0]);
  });

  it('looks again once the idle deadline passed, and shows the submission closed', async () => {
    const { clock, advance } = fakeClock();
    let closed = false;
    const { api } = fakeApi({
      status: vi.fn(async () => ({
        serverTime: clock.now(),
        submission: closed
          ? receipt({ state: 'closed', closedBy: 'idle', closedAt: clock.now(), closesAt: null })
          : receipt({ closesAt: clock.now() + 600_000 }),
      })),
    });
    const onClosed = vi.fn();
    const s = createSubmissionSession({
      api,
      linkId: 'l',
      requirements: null,
      storage: memoryStore(),
      clock,
    });
    s.onClosed(onClosed);
    await s.token();
    s.setBusy(true);
    s.setBusy(false);
    await flush();
    expect(api.status).toHaveBeenCalledTimes(1);
    advance(500_000);
    expect(api.status).toHaveBeenCalledTimes(1);
    closed = true;
    advance(102_000);
    await flush();
    expect(api.status).toHaveBeenCalledTimes(2);
    expect(s.getSnapshot()).toMatchObject({ state: 'closed' });
    expect(s.getSnapshot().receipt?.closedBy).toBe('idle');
    expect(onClosed).toHaveBeenCalledTimes(1);
  });
});
