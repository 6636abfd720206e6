import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, safePost } from './safe-post';
import type { Receiver } from './test-receiver';
import { startReceiver } from './test-receiver';

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver((req) =>
    req.url === '/hang'
      ? { status: 200, hang: true }
      : req.url === '/big'
        ? { status: 200, body: 'x'.repeat(MAX_ANSWER_BYTES * 4) }
        : { status: 200, body: 'ok' },
  );
});
afterAll(async () => {
  await receiver?.close();
});

const strict = { headers: {}, timeoutMs: 2_000, allowPrivate: false };

describe('safePost', () => {
  it('refuses plain http and non-public addresses before connecting', async () => {
    let resolved = 0;
    const resolve = async () => {
      resolved += 1;
      return [{ address: '127.0.0.1', family: 4 as const }];
    };
    expect(await safePost(`${receiver.url}/x`, '{}', { ...strict, resolve })).toEqual({
      kind: 'refused',
      problem: { code: 'not-https' },
    });
    expect(resolved).toBe(0);
    for (const url of [
      `https://127.0.0.1:${receiver.port}/x`,
      `https://[::1]:${receiver.port}/x`,
      `https://[::ffff:7f00:1]:${receiver.port}/x`,
      `https://169.254.169.254/latest/meta-data/`,
    ]) {
      expect((await safePost(url, '{}', { ...strict, resolve })).kind, url).toBe('refused');
    }
    expect(
      (await safePost(`https://a.example.com:${receiver.port}/x`, '{}', { ...strict, resolve }))
        .kind,
    ).toBe('refused');
    expect(resolved).toBe(1);
    expect(receiver.received).toHaveLength(0);
  });

  it('gives up at the deadline, and reads only the start of a long answer', async () => {
    const local = { headers: {}, timeoutMs: 300, allowPrivate: true };
    const started = Date.now();
    expect(await safePost(`${receiver.url}/hang`, '{}', local)).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
    const big = await safePost(`${receiver.url}/big`, '{}', { ...local, timeoutMs: 5_000 });
    expect(big.kind).toBe('answered');
    if (big.kind === 'answered') expect(big.body.length).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startReceiver();
    await closed.close();
    expect(
      await safePost(`${closed.url}/x`, '{}', {
        headers: {},
        timeoutMs: 2_000,
        allowPrivate: true,
      }),
    ).toEqual({
      kind: 'network',
      code: 'ECONNREFUSED',
    });
  });
});
