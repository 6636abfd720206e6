import { describe, expect, it } from 'vitest';
import { encodeMetaFileName } from './meta-file-name';
import { MIB, partLength, planParts } from './part-plan';
import { decideStoredType } from './type-match';

describe('decideStoredType', () => {
  const allowed = ['image/*', 'application/pdf', '.docx'];
  // Judged on the name the object key ends with, `<id>-<sanitised name>`.
  const key = (name: string) => `uploads/link/AAAAAAAAAAAAAAAAAAAAAA-${name}`;
  const table: Array<[string, string, string | null]> = [
    ['a.png', 'image/png', 'image/png'],
    ['a.PNG', 'IMAGE/PNG', 'image/png'],
    ['a.svg', 'image/svg+xml', null],
    ['x', 'image/', null],
    ['x', 'imagex/png', null],
    ['r.pdf', 'application/pdf', 'application/pdf'],
    ['r.pdf', 'application/pdf; charset=binary', 'application/pdf'],
    ['r.pdf', 'text/html', 'application/pdf'],
    ['r.bin', 'application/pdfx', null],
    ['letter.DOCX', '', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['notes.txt', 'text/plain', null],
    ['noext', '', null],
    ['page.html', 'image/png', null],
  ];
  it.each(table)('%j (%j) → %j', (name, type, stored) => {
    const decision = decideStoredType(allowed, key(name), type);
    expect(decision.ok ? decision.type : null).toBe(stored);
  });
  it('allows anything but active types when the list is empty', () => {
    expect(decideStoredType([], key('x.exe'), '')).toEqual({
      ok: true,
      type: 'application/octet-stream',
    });
    expect(decideStoredType([], key('x.html'), 'text/html')).toEqual({
      ok: true,
      type: 'application/octet-stream',
    });
  });
});

describe('planParts', () => {
  it('uses the minimum part size for ordinary files', () => {
    expect(planParts(2.5 * MIB, MIB)).toEqual({ partSize: MIB, partCount: 3 });
    expect(planParts(100 * MIB, 8 * MIB)).toEqual({ partSize: 8 * MIB, partCount: 13 });
  });
  it('grows parts so no file needs more than 10,000, rounded up to a MiB', () => {
    const size = 200 * 1024 * MIB; // 200 GiB
    const plan = planParts(size, 8 * MIB);
    expect(plan.partSize % MIB).toBe(0);
    expect(plan.partSize).toBe(21 * MIB);
    expect(plan.partCount).toBeLessThanOrEqual(10_000);
    expect(plan.partSize * plan.partCount).toBeGreaterThanOrEqual(size);
  });
  it('rounds an odd minimum up to a MiB', () => {
    expect(planParts(20 * MIB, 5.5 * MIB).partSize).toBe(6 * MIB);
  });
  it('gives full parts then the remainder', () => {
    const size = 2.5 * MIB;
    const plan = planParts(size, MIB);
    expect([1, 2, 3].map((n) => partLength(size, plan, n))).toEqual([MIB, MIB, 0.5 * MIB]);
    expect(() => partLength(size, plan, 4)).toThrow(RangeError);
    expect(() => partLength(size, plan, 0)).toThrow(RangeError);
    const exact = planParts(2 * MIB, MIB);
    expect(partLength(2 * MIB, exact, 2)).toBe(MIB);
  });
});

describe('encodeMetaFileName', () => {
  it('percent-encodes to ASCII that decodes back to the name', () => {
    const name = '报告 v1 (final) + 😀.pdf';
    const enc = encodeMetaFileName(name);
    expect(enc).toMatch(/^[\x21-\x7e]+$/);
    expect(decodeURIComponent(enc)).toBe(name);
  });
  it('drops control characters so CRLF cannot reach a header', () => {
    expect(decodeURIComponent(encodeMetaFileName('a\r\nSet-Cookie: x\u0000.txt'))).toBe(
      'aSet-Cookie: x.txt',
    );
  });
  it('caps the value at a character boundary', () => {
    const enc = encodeMetaFileName('报'.repeat(1000));
    expect(enc.length).toBeLessThanOrEqual(1024);
    expect(decodeURIComponent(enc)).toBe('报'.repeat(enc.length / 9));
  });
  it('survives lone surrogates', () => {
    expect(decodeURIComponent(encodeMetaFileName('a\uD800'))).toBe('a\uFFFD');
  });
});
