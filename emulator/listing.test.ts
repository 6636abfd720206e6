import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKeyPath } from './cos-encoding';
import { compareKeys, lowerBound } from './storage';
import { cosRequest, startTestEmulator, type TestEmulator } from './test-harness';

/**
 * GET Bucket beyond the basics (objects.test.ts): listing order for any key, eventual
 * consistency when asked for (the `listLag` fault), and request counts by how a request was
 * signed, which is how a test or benchmark tells the signer's own COS requests from the
 * browser's.
 */

const keysOf = (xml: string): string[] =>
  [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);

describe('listing order', () => {
  it('compares keys in UTF-8 byte order without building buffers', () => {
    const keys = ['a', 'ab', 'b', '\u00e9', '\uffef', '\ud83d\ude00', 'z\u0000', 'z', '', '\ue000'];
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    const expected = [...keys].sort((x, y) => Buffer.compare(bytes(x), bytes(y)));
    expect([...keys].sort(compareKeys)).toEqual(expected);
    // The case JS string order gets wrong: an astral character sorts after U+FFEF in UTF-8.
    expect(compareKeys('\ud83d\ude00', '\uffef')).toBe(1);
    expect('\ud83d\ude00' < '\uffef').toBe(true);
    expect(lowerBound(expected, 'ab')).toBe(expected.indexOf('ab'));
    expect(lowerBound(expected, 'aa')).toBe(expected.indexOf('ab'));
    expect(lowerBound(expected, '\uffff\uffff')).toBe(expected.indexOf('\ud83d\ude00'));
  });
});

describe('GET Bucket with a marker far into a large folder', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
    // Keys arrive out of order, the listing is asked for between writes (its order is kept
    // up to date as keys come and go).
    const names = Array.from(
      { length: 60 },
      (_, i) => `f/${String((i * 37) % 60).padStart(3, '0')}`,
    );
    for (const [i, key] of names.entries()) {
      await cosRequest(t, { method: 'PUT', path: encodeKeyPath(key), body: key });
      if (i % 7 === 0) await cosRequest(t, { method: 'GET', path: '/?prefix=f%2F&max-keys=1' });
    }
    await cosRequest(t, { method: 'DELETE', path: encodeKeyPath('f/010') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts after the marker, stays within the prefix and pages exactly', async () => {
    const page = await cosRequest(t, {
      method: 'GET',
      path: '/?prefix=f%2F&marker=f%2F008&max-keys=3',
    });
    expect(keysOf(page.text)).toEqual(['f/009', 'f/011', 'f/012']);
    expect(page.text).toContain('<NextMarker>f/012</NextMarker>');
    const between = await cosRequest(t, { method: 'GET', path: '/?prefix=f%2F05&marker=f%2F0' });
    expect(keysOf(between.text)).toEqual(Array.from({ length: 10 }, (_, i) => `f/05${i}`));
    const past = await cosRequest(t, { method: 'GET', path: '/?prefix=f%2F&marker=g' });
    expect(keysOf(past.text)).toEqual([]);
  });
});

describe('listLag: listings that lag behind writes, as COS documents they may', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
    await cosRequest(t, { method: 'PUT', path: '/uploads/old.txt', body: 'old' });
    await cosRequest(t, { method: 'PUT', path: '/state/old.json', body: '{}' });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (prefix: string) =>
    keysOf(
      (await cosRequest(t, { method: 'GET', path: `/?prefix=${encodeURIComponent(prefix)}` })).text,
    );

  it('hides a new object from the next N listings, while HEAD and GET see it at once', async () => {
    t.emu.setFaults({ listLag: { listings: 2, prefix: 'uploads/' } });
    await cosRequest(t, { method: 'PUT', path: '/uploads/new.txt', body: 'new' });
    await cosRequest(t, { method: 'PUT', path: '/state/new.json', body: '{}' });
    expect((await cosRequest(t, { method: 'HEAD', path: '/uploads/new.txt' })).status).toBe(200);
    expect(await list('uploads/')).toEqual(['uploads/old.txt']);
    // Outside the lagging prefix, and objects written before the fault was set: listed.
    expect(await list('state/')).toEqual(['state/new.json', 'state/old.json']);
    expect(await list('uploads/')).toEqual(['uploads/old.txt']);
    expect(await list('uploads/')).toEqual(['uploads/new.txt', 'uploads/old.txt']);
    // A listing that stops before the object (max-keys) does not count as one it missed.
    t.emu.setFaults({ listLag: { listings: 1 } });
    await cosRequest(t, { method: 'PUT', path: '/uploads/zz.txt', body: 'z' });
    const first = await cosRequest(t, { method: 'GET', path: '/?prefix=uploads%2F&max-keys=1' });
    expect(keysOf(first.text)).toEqual(['uploads/new.txt']);
    expect(await list('uploads/')).toEqual(['uploads/new.txt', 'uploads/old.txt']);
    expect(await list('uploads/')).toEqual([
      'uploads/new.txt',
      'uploads/old.txt',
      'uploads/zz.txt',
    ]);
    t.emu.setFaults({});
  });

  it('hides a new object for N ms of the emulator clock', async () => {
    t.emu.setFaults({ listLag: { ms: 5000 } });
    await cosRequest(t, { method: 'PUT', path: '/uploads/timed.txt', body: 't' });
    expect(await list('uploads/timed')).toEqual([]);
    expect(await list('uploads/timed')).toEqual([]);
    t.clock.advance(5000);
    expect(await list('uploads/timed')).toEqual(['uploads/timed.txt']);
    t.emu.setFaults({});
  });

  it('is off by default and refuses malformed settings', () => {
    expect(() => t.emu.setFaults({ listLag: { ms: -1 } })).toThrow(/ms/);
    expect(() => t.emu.setFaults(JSON.parse('{"listLag":{"sec":1}}') as object)).toThrow();
  });
});

describe('request counts by how each request was signed', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t.close();
  });

  it('tells header-signed calls (SDKs, the signer) from pre-signed URLs and unsigned ones', async () => {
    t.emu.resetStats();
    await cosRequest(t, { method: 'PUT', path: '/a.txt', body: 'a', presign: true });
    await cosRequest(t, { method: 'PUT', path: '/b.txt', body: 'b', presign: true });
    await cosRequest(t, { method: 'HEAD', path: '/a.txt' });
    await cosRequest(t, { method: 'GET', path: '/?prefix=a' });
    await cosRequest(t, { method: 'GET', path: '/a.txt', sign: false });
    // A wrong signature is still counted for the caller whose form it has.
    await cosRequest(t, {
      method: 'HEAD',
      path: '/a.txt',
      unsignedHeaders: { Authorization: 'q-sign-algorithm=sha1&q-ak=nobody' },
      sign: false,
    });
    const stats = t.emu.stats();
    expect(stats.byAuth.url).toEqual({ requests: 2, put: 2 });
    expect(stats.byAuth.header).toEqual({ requests: 3, head: 2, list: 1 });
    expect(stats.byAuth.none).toEqual({ requests: 1, get: 1 });
    expect(stats.requests).toBe(6);
    const admin = (await (await fetch(`${t.emu.adminUrl}/stats`)).json()) as typeof stats;
    expect(admin.byAuth).toEqual(stats.byAuth);
    t.emu.resetStats();
    expect(t.emu.stats().byAuth.header).toEqual({ requests: 0 });
  });
});
