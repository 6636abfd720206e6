/**
 * What the owner is told about a link's use (admin API, `npm run link -- show|list`, /admin),
 * after real uploads over HTTP against the strict emulator: verified files and bytes, and
 * uploads in flight, which must fall back to zero once every upload is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminLinkResponse, AdminLinksResponse, CreateLinkResponse } from '../../protocol/admin';
import { crc64 } from '../../protocol/crc64';
import { formatLinkDetails, formatLinkTable } from '../cli/format-link';
import type { RunningSigner } from '../start-signer';
import { adminCall } from '../testing/admin-call';
import { apiScript, completed } from '../testing/api-script';
import { startSignerOnStack, stopSignerOnStack } from '../testing/signer-on-stack';
import type { TestStack } from '../testing/test-stack';
import { sendSigned } from '../testing/test-stack';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
let stack: TestStack;
let signer: RunningSigner;
/** The signer's clock; the emulator keeps real time. */
let clock = Date.now();

beforeAll(async () => {
  // STATE_CACHE_SECONDS as shipped (5): the repro waits past it.
  ({ stack, signer } = await startSignerOnStack({ ADMIN_TOKEN }, () => clock));
});
afterAll(() => stopSignerOnStack({ stack, signer }));

function admin(method: string, route: string, body?: unknown) {
  return adminCall(signer.url, ADMIN_TOKEN, method, route, body);
}

const hundred = (fill: number) => new Uint8Array(100).fill(fill);

describe('a link’s use as its owner sees it', () => {
  it('in flight returns to 0 once every upload is verified (two files planned together)', async () => {
    const created = CreateLinkResponse.parse(
      (await admin('POST', '/admin/links', { maxFiles: 5 })).json,
    );
    const api = apiScript(signer.url, created.token);
    const results = await api.create([
      { name: 'one.txt', size: 100 },
      { name: 'two.txt', size: 100 },
    ]);
    const mid = AdminLinkResponse.parse(
      (await admin('GET', `/admin/links/${created.link.id}`)).json,
    );
    expect(mid.link.inFlight).toEqual({ files: 2, bytes: 200 });
    for (const [i, r] of results.entries()) {
      if (!r.ok || r.upload.kind !== 'single') throw new Error('not signed');
      const body = hundred(0x61 + i);
      const put = await sendSigned(r.upload.request, body);
      expect(put.status).toBe(200);
      await put.arrayBuffer();
      expect(completed(await api.complete(r.upload.ticket, crc64(body))).verified).toBe(true);
    }
    clock += 6_000;
    const shown = AdminLinkResponse.parse(
      (await admin('GET', `/admin/links/${created.link.id}`)).json,
    );
    expect(shown.link.usage).toEqual({ files: 2, bytes: 200 });
    expect(shown.link.inFlight).toEqual({ files: 0, bytes: 0 });
    const listed = AdminLinksResponse.parse((await admin('GET', '/admin/links')).json);
    expect(listed.links.find((l) => l.id === created.link.id)?.inFlight).toEqual({
      files: 0,
      bytes: 0,
    });
    expect(formatLinkDetails(shown.link, clock)).toMatch(/In flight: +none/);
    expect(formatLinkTable([shown.link], clock)).toContain('2/5 files, 200 B');
  });

  it('in flight returns to 0 when the uploads were planned one after the other', async () => {
    const created = CreateLinkResponse.parse(
      (await admin('POST', '/admin/links', { maxFiles: 5 })).json,
    );
    const api = apiScript(signer.url, created.token);
    for (const fill of [0x61, 0x62]) {
      const up = await api.upload(`f${fill}.txt`, hundred(fill));
      expect(completed(up.complete!).verified).toBe(true);
    }
    clock += 6_000;
    const shown = AdminLinkResponse.parse(
      (await admin('GET', `/admin/links/${created.link.id}`)).json,
    );
    expect(shown.link.usage).toEqual({ files: 2, bytes: 200 });
    expect(shown.link.inFlight).toEqual({ files: 0, bytes: 0 });
  });
});
