/**
 * `set-uploader` and `submission-closed` through the bridge, with the page's real submission
 * session (its own checks, a fake signer behind it): what the host fills in is not asked
 * again, what is wrong is refused with the signer's reasons, and the close is told once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PortalEvent } from '../../../protocol/embed-messages';
import { EMBED_PROTOCOL, EMBED_PROTOCOL_VERSION } from '../../../protocol/embed-protocol';
import type { SubmissionRequirements } from '../../../protocol/submissions';
import { createSubmissionSession } from '../submission/submission-session';
import type { SubmissionApi } from '../submission/api/submission-api';
import { createEmbedBridge } from './create-embed-bridge';
import type { EmbedWindow } from './embed-origin-gate';

const HOST = 'https://forms.example.org';
const LINK = {
  title: 'Grant application',
  expiresAt: null,
  limits: { maxFiles: null, maxFileSize: null, maxTotalBytes: null, allowedTypes: [] },
};
const ASKS: SubmissionRequirements = {
  password: false,
  details: ['name', 'email'],
  fields: [{ label: 'Student ID', type: 'text', required: true }],
  terms: null,
  idleSeconds: 600,
};

function setup() {
  const posted: PortalEvent[] = [];
  let handler: Parameters<EmbedWindow['onMessage']>[0] | null = null;
  const win: EmbedWindow = {
    framed: true,
    ancestorOrigins: [HOST],
    postToParent: (message) => posted.push(message),
    onMessage(h) {
      handler = h;
      return () => (handler = null);
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const bridge = createEmbedBridge({
    window: win,
    instanceId: 'i-1',
    initialOrigins: [HOST],
    describe: (code) => code,
  });
  bridge.start();
  bridge.linkReady(LINK, [HOST]);
  const send = (type: string, extra: Record<string, unknown> = {}) =>
    handler?.({
      origin: HOST,
      fromParent: true,
      data: { protocol: EMBED_PROTOCOL, version: EMBED_PROTOCOL_VERSION, type, ...extra },
    });
  const api: SubmissionApi = {
    unlock: async () => ({ serverTime: 0, proof: 'p', expiresAt: 1 }),
    open: async () => ({
      serverTime: 0,
      submission: { id: 'sub-1', token: 'tok-1', startedAt: 0, idleSeconds: 600 },
    }),
    status: async () => {
      throw new Error('not used');
    },
    finish: async () => ({
      serverTime: 5,
      submission: {
        id: 'sub-1',
        linkId: 'l',
        state: 'closed',
        startedAt: 0,
        closedAt: 5,
        closedBy: 'finish',
        closesAt: null,
        inFlight: 0,
        uploader: {},
        fields: {},
        terms: null,
        files: [
          {
            key: 'k',
            name: 'a.pdf',
            size: 3,
            contentType: 'application/pdf',
            crc64: '1',
            verifiedAt: 1,
          },
        ],
        failed: [],
        totalBytes: 3,
      },
    }),
  };
  const store = new Map<string, string>();
  const session = createSubmissionSession({
    api,
    linkId: 'l',
    requirements: ASKS,
    storage: { get: (k) => store.get(k) ?? null, set: (k, v) => void store.set(k, v) },
  });
  return { posted, bridge, send, session, stop: () => bridge.stop() };
}

let stop = () => {};
afterEach(() => stop());

const after = (posted: PortalEvent[], type: string) => posted.filter((e) => e.type === type);

describe('set-uploader and submission-closed', () => {
  it('keeps values sent before the upload box is there, and fills them in when it comes', () => {
    const t = setup();
    stop = t.stop;
    t.send('set-uploader', {
      details: { name: 'Ana Li', email: 'ana@' },
      fields: { 'Student ID': 'S-1', Faculty: 'Arts' },
    });
    expect(after(t.posted, 'uploader-set')).toEqual([]);
    t.bridge.attachSubmission(t.session);
    expect(after(t.posted, 'uploader-set')).toEqual([
      expect.objectContaining({
        accepted: ['name', 'field:Student ID'],
        refused: [
          { field: 'email', reason: 'not-email' },
          { field: 'field:Faculty', reason: 'not-asked' },
        ],
      }),
    ]);
    // Only what the host did not fill in is asked.
    expect(t.session.getSnapshot().ask).toEqual({ details: ['email'], fields: [] });
  });

  it('answers at once when the box is there; all filled in, no question is left', () => {
    const t = setup();
    stop = t.stop;
    t.bridge.attachSubmission(t.session);
    t.send('set-uploader', {
      details: { name: 'Ana', email: 'ana@example.com' },
      fields: { 'Student ID': '7' },
    });
    expect(after(t.posted, 'uploader-set')).toHaveLength(1);
    expect(t.session.getSnapshot().gate).toBeNull();
  });

  it('refuses a malformed command, and details once files were sent', async () => {
    const t = setup();
    stop = t.stop;
    t.bridge.attachSubmission(t.session);
    t.send('set-uploader', { details: { nickname: 'A' } });
    t.send('set-uploader', { fields: ['x'] });
    expect(after(t.posted, 'command-rejected')).toEqual([
      expect.objectContaining({ command: 'set-uploader', code: 'invalid-request' }),
      expect.objectContaining({ command: 'set-uploader', code: 'invalid-request' }),
    ]);
    t.send('set-uploader', {
      details: { name: 'Ana', email: 'ana@example.com' },
      fields: { 'Student ID': 'S' },
    });
    await t.session.token();
    t.send('set-uploader', { details: { name: 'Someone else' } });
    expect(after(t.posted, 'command-rejected')[2]).toMatchObject({
      command: 'set-uploader',
      code: 'submission-open',
    });
  });

  it('tells the host the submission’s id once it closes', async () => {
    const t = setup();
    stop = t.stop;
    const detach = t.bridge.attachSubmission(t.session);
    t.send('set-uploader', {
      details: { name: 'Ana', email: 'ana@example.com' },
      fields: { 'Student ID': 'S' },
    });
    await t.session.token();
    await t.session.finish();
    await t.session.finish();
    expect(after(t.posted, 'submission-closed')).toEqual([
      expect.objectContaining({
        submission: { id: 'sub-1', closedBy: 'finish', closedAt: 5, files: 1, bytes: 3, failed: 0 },
      }),
    ]);
    detach();
    t.session.startNew();
    await t.session.token();
    await t.session.finish();
    expect(after(t.posted, 'submission-closed')).toHaveLength(1);
  });
});
