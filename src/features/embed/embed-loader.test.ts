// @vitest-environment jsdom
/**
 * The host-side loader (embed-loader/, built to dist/embed.js). It lives outside src/, but its
 * tests run here, where the test runner and the browser typecheck look. jsdom cannot load the
 * portal into the iframe, so the portal's messages are dispatched as the browser would
 * deliver them (origin + source), and what the loader posts is read off the frame's window.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmbed, embedUrl } from '../../../embed-loader/create-embed';
import type { PortalEmbed, PortalEvent } from '../../../embed-loader/types/embed';

const PORTAL = 'https://upload.example.com';
const LINK = `${PORTAL}/u/k0.abc.def`;

let embed: PortalEmbed | null = null;
let posted: Array<{ message: unknown; origin: string }>;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<main><div id="box"></div></main>';
  posted = [];
});

afterEach(() => {
  embed?.destroy();
  embed = null;
  vi.useRealTimers();
});

/** Embeds, and records what the loader posts into the frame. */
function mount(extra: Partial<Parameters<typeof createEmbed>[0]> = {}) {
  embed = createEmbed({ link: LINK, target: '#box', ...extra });
  const frameWindow = embed.iframe.contentWindow!;
  vi.spyOn(frameWindow, 'postMessage').mockImplementation(((message: unknown, origin: string) => {
    posted.push({ message, origin });
  }) as typeof frameWindow.postMessage);
  return embed;
}

function fromPortal(
  event: Partial<PortalEvent> & { type: string },
  origin = PORTAL,
  source?: Window,
) {
  window.dispatchEvent(
    new MessageEvent('message', {
      data: { protocol: 'cos-upload-portal', version: 1, instanceId: 'p-1', ...event },
      origin,
      source: source ?? embed!.iframe.contentWindow!,
    }),
  );
}

const LINK_SUMMARY = {
  title: 'Grant',
  expiresAt: null,
  limits: { maxFiles: null, maxFileSize: null, maxTotalBytes: null, allowedTypes: [] },
};

describe('embedUrl', () => {
  it('turns a share or embed link into the embed page with the appearance parameters', () => {
    expect(
      embedUrl({ link: LINK, theme: 'dark', lang: 'zh-CN', accent: '#0b7285' }, PORTAL).href,
    ).toBe(`${PORTAL}/embed/k0.abc.def?theme=dark&lang=zh-CN&accent=%230b7285`);
    expect(embedUrl({ link: `${PORTAL}/embed/tok/` }, PORTAL).href).toBe(`${PORTAL}/embed/tok`);
    expect(embedUrl({ link: '/u/tok' }, PORTAL).href).toBe(`${PORTAL}/embed/tok`);
  });

  it('refuses anything that is not an upload link', () => {
    for (const link of [
      'javascript:alert(1)//u/x',
      `${PORTAL}/admin`,
      `${PORTAL}/u/a/b`,
      'ftp://x/u/t',
    ]) {
      expect(() => embedUrl({ link }, PORTAL), link).toThrow(TypeError);
    }
  });
});

describe('createEmbed', () => {
  it('puts a titled, full-width iframe into the target', () => {
    const e = mount({ title: 'Attach your documents', initialHeight: 200 });
    expect(document.querySelector('#box > iframe')).toBe(e.iframe);
    expect(e.iframe.src).toBe(`${PORTAL}/embed/k0.abc.def`);
    expect(e.iframe.title).toBe('Attach your documents');
    expect(e.iframe.style.height).toBe('200px');
    expect(e.iframe.style.width).toBe('100%');
    expect(e.origin).toBe(PORTAL);
  });

  it('says hello to the portal origin only, until the portal answers', () => {
    mount();
    embed!.iframe.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(450);
    expect(posted.length).toBe(3);
    expect(posted.every((p) => p.origin === PORTAL)).toBe(true);
    expect(posted[0]!.message).toEqual({
      protocol: 'cos-upload-portal',
      version: 1,
      type: 'hello',
    });
    fromPortal({ type: 'ready', link: LINK_SUMMARY });
    vi.advanceTimersByTime(1000);
    expect(posted.length).toBe(3);
  });

  it('hears only its own frame at the portal origin', () => {
    const onReady = vi.fn();
    mount({ onReady });
    fromPortal({ type: 'ready', link: LINK_SUMMARY }, 'https://evil.example.net');
    fromPortal({ type: 'ready', link: LINK_SUMMARY }, PORTAL, window);
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { type: 'ready' },
        origin: PORTAL,
        source: embed!.iframe.contentWindow!,
      }),
    );
    expect(onReady).not.toHaveBeenCalled();
    expect(embed!.ready).toBe(false);
    fromPortal({ type: 'ready', link: LINK_SUMMARY });
    expect(onReady).toHaveBeenCalledOnce();
    expect(embed!.ready).toBe(true);
    expect(embed!.instanceId).toBe('p-1');
  });

  it('hands every event to callbacks, on() listeners and bubbling DOM events', () => {
    const onEvent = vi.fn();
    const onFileDone = vi.fn();
    const e = mount({ onEvent, onFileDone });
    const viaOn = vi.fn();
    const stop = e.on('file-done', viaOn);
    const viaDom: unknown[] = [];
    document.addEventListener('cos-upload:file-done', (event) => viaDom.push(event.detail));
    fromPortal({ type: 'ready', link: LINK_SUMMARY });
    const done = {
      type: 'file-done' as const,
      file: { id: 'f1', name: 'a.pdf', relativePath: '', size: 3, type: 'application/pdf' },
      key: 'uploads/l/a.pdf',
      size: 3,
      crc64: '123',
      etag: '"abc"',
    };
    fromPortal(done);
    fromPortal({ ...done, instanceId: 'stale-instance' });
    expect(onEvent.mock.calls.map(([event]) => event.type)).toEqual(['ready', 'file-done']);
    expect(onFileDone).toHaveBeenCalledWith(expect.objectContaining(done));
    expect(viaOn).toHaveBeenCalledOnce();
    expect(viaDom).toEqual([expect.objectContaining({ key: 'uploads/l/a.pdf' })]);
    stop();
    fromPortal(done);
    expect(viaOn).toHaveBeenCalledOnce();
  });

  it('sizes the frame from resize events', () => {
    const e = mount();
    fromPortal({ type: 'ready', link: LINK_SUMMARY });
    fromPortal({ type: 'resize', height: 412.3 });
    expect(e.iframe.style.height).toBe('413px');
  });

  it('holds commands until ready, then sends them to that instance at the portal origin', () => {
    const e = mount({ metadata: { ticket: 'T-1' } });
    e.pauseAll();
    e.setMetadata({ ticket: 'T-2' });
    expect(posted).toEqual([]);
    fromPortal({ type: 'ready', link: LINK_SUMMARY });
    expect(posted.map((p) => [p.origin, p.message])).toEqual([
      [
        PORTAL,
        {
          protocol: 'cos-upload-portal',
          version: 1,
          type: 'set-metadata',
          metadata: { ticket: 'T-2' },
          instanceId: 'p-1',
        },
      ],
      [PORTAL, { protocol: 'cos-upload-portal', version: 1, type: 'pause-all', instanceId: 'p-1' }],
    ]);
    e.reset();
    expect(posted.at(-1)!.message).toMatchObject({ type: 'reset', instanceId: 'p-1' });
  });

  it('re-sends the metadata to a new portal instance after a reload in the frame', () => {
    const e = mount();
    fromPortal({ type: 'ready', link: LINK_SUMMARY });
    e.setMetadata({ case: 'c-9' });
    fromPortal({ type: 'ready', link: LINK_SUMMARY, instanceId: 'p-2' });
    expect(e.instanceId).toBe('p-2');
    expect(posted.map((p) => p.message)).toEqual([
      expect.objectContaining({ type: 'set-metadata', instanceId: 'p-1' }),
      expect.objectContaining({
        type: 'set-metadata',
        metadata: { case: 'c-9' },
        instanceId: 'p-2',
      }),
    ]);
  });

  it('sends the uploader’s details when ready, and again to a new instance after a reload', () => {
    const onSubmissionClosed = vi.fn();
    const e = mount({ uploader: { details: { name: 'Ana' } }, onSubmissionClosed });
    e.setUploader({ details: { name: 'Ana Li' }, fields: { 'Student ID': 'S-1' } });
    expect(posted).toEqual([]);
    fromPortal({ type: 'ready', link: LINK_SUMMARY });
    e.setUploader({ details: { name: 'Ana Li', email: 'ana@example.com' } });
    fromPortal({ type: 'ready', link: LINK_SUMMARY, instanceId: 'p-2' });
    expect(posted).toEqual([
      {
        origin: PORTAL,
        message: expect.objectContaining({
          type: 'set-uploader',
          details: { name: 'Ana Li' },
          fields: { 'Student ID': 'S-1' },
          instanceId: 'p-1',
        }),
      },
      {
        origin: PORTAL,
        message: expect.objectContaining({
          type: 'set-uploader',
          details: { name: 'Ana Li', email: 'ana@example.com' },
          instanceId: 'p-1',
        }),
      },
      {
        origin: PORTAL,
        message: expect.objectContaining({
          type: 'set-uploader',
          details: { name: 'Ana Li', email: 'ana@example.com' },
          instanceId: 'p-2',
        }),
      },
    ]);
    const closed = {
      type: 'submission-closed' as const,
      instanceId: 'p-2',
      submission: {
        id: 'S',
        closedBy: 'finish' as const,
        closedAt: 1,
        files: 1,
        bytes: 3,
        failed: 0,
      },
    };
    fromPortal(closed);
    expect(onSubmissionClosed).toHaveBeenCalledWith(expect.objectContaining(closed));
  });

  it('goes away completely on destroy', () => {
    const onEvent = vi.fn();
    const e = mount({ onEvent });
    const frame = e.iframe;
    e.destroy();
    embed = null;
    expect(frame.isConnected).toBe(false);
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { protocol: 'cos-upload-portal', version: 1, instanceId: 'p', type: 'ready' },
        origin: PORTAL,
      }),
    );
    expect(onEvent).not.toHaveBeenCalled();
  });
});

describe('embed.js', () => {
  it('installs window.CosUploadPortal once, and finds an embed by its iframe', async () => {
    await import('../../../embed-loader/embed');
    const api = window.CosUploadPortal;
    expect(api.version).toBe(1);
    embed = api.embed({ link: LINK, target: document.querySelector('#box')! });
    expect(api.of(embed.iframe)).toBe(embed);
    expect(api.of(document.createElement('iframe'))).toBeNull();
    expect(() => {
      (window as { CosUploadPortal: unknown }).CosUploadPortal = {};
    }).toThrow();
  });
});
