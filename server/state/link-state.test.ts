import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinkClaims } from '../links/link-types';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';
import { LinkState } from './link-state';

let stack: TestStack;
let clock = Date.now();

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

function instance(cacheSeconds = 5): LinkState {
  return new LinkState({ cos: stack.cos, statePrefix: '.portal/', cacheSeconds, now: () => clock });
}
const newLinkId = () => randomBytes(16).toString('base64url');

describe('link state in the bucket', () => {
  it('a revocation on one instance reaches another once its cache entry expires', async () => {
    const a = instance();
    const b = instance();
    const id = newLinkId();
    expect(await b.revocation(id)).toBeNull();
    const revoked = await a.revoke(id, 'sent to the wrong person');
    expect(revoked).toMatchObject({ at: clock, reason: 'sent to the wrong person' });
    // The revoking instance knows at once; the other still has "not revoked" cached.
    expect(await a.revocation(id)).toMatchObject({ reason: 'sent to the wrong person' });
    expect(await b.revocation(id)).toBeNull();
    clock += 5_001;
    expect(await b.revocation(id)).toMatchObject({ reason: 'sent to the wrong person' });
    // Revoking again keeps the first revocation.
    clock += 1000;
    expect((await b.revoke(id, 'again')).reason).toBe('sent to the wrong person');
    // Written where the documentation says, under the state prefix.
    expect(await stack.cos.headObject(`.portal/revoked/${id}`)).not.toBeNull();
  });

  it('with no cache every read is fresh', async () => {
    const a = instance(0);
    const b = instance(0);
    const id = newLinkId();
    expect(await b.revocation(id)).toBeNull();
    await a.revoke(id);
    expect(await b.revocation(id)).not.toBeNull();
  });

  it('usage counts each verified completion once, through the cache', async () => {
    const a = instance();
    const id = newLinkId();
    expect(await a.usage(id)).toEqual({ files: 0, bytes: 0 });
    const entry = {
      key: `uploads/${id}/x`,
      size: 7,
      crc64: null,
      at: clock,
      via: 'complete' as const,
    };
    await a.recordCompletions(id, null, [entry]);
    await a.recordCompletions(id, null, [entry]);
    expect(await a.usage(id)).toEqual({ files: 1, bytes: 7 });
    // Another instance's cached answer is refreshed after STATE_CACHE_SECONDS.
    const b = instance();
    expect(await b.usage(id)).toEqual({ files: 1, bytes: 7 });
    await a.recordCompletions(id, null, [{ ...entry, key: `uploads/${id}/y`, size: 3 }]);
    expect(await b.usage(id)).toEqual({ files: 1, bytes: 7 });
    clock += 5_001;
    expect(await b.usage(id)).toEqual({ files: 2, bytes: 10 });
  });

  it('registers links and lists them newest first', async () => {
    const state = instance();
    const first = createLinkClaims({ title: 'first' }, 'uploads/', clock);
    const second = createLinkClaims({ title: 'second', maxFiles: 3 }, 'uploads/', clock + 1);
    await state.register({ v: 1, createdAt: clock, kid: 'k0', claims: first });
    await state.register({ v: 1, createdAt: clock + 1, kid: 'k0', claims: second });
    expect((await state.readRecord(second.id))?.claims).toEqual(second);
    expect(await state.readRecord('no-such-link-id-0000')).toBeNull();
    expect(await state.readRecord('../../etc')).toBeNull();
    const titles = (await state.listRecords()).map((r) => r.claims.title);
    expect(titles.indexOf('second')).toBeLessThan(titles.indexOf('first'));
  });
});
