import { describe, expect, it } from 'vitest';
import type { FileInput } from '../engine/types';
import { INTAKE_SLICE, intakeSliceEnd } from './intake-slice';

/** Files whose first size read costs `costMs` on the given clock, as Chromium's can. */
function slowInputs(count: number, clock: { t: number }, costMs: number): FileInput[] {
  return Array.from({ length: count }, (_, i) => {
    const file = new File(['x'], `f${i}.txt`);
    let read = false;
    Object.defineProperty(file, 'size', {
      get() {
        if (!read) clock.t += costMs;
        read = true;
        return 1;
      },
    });
    return { file, relativePath: '' };
  });
}

describe('intakeSliceEnd', () => {
  it('takes up to INTAKE_SLICE cheap files at once', () => {
    const clock = { t: 0, now: () => 0 };
    const inputs = slowInputs(INTAKE_SLICE + 3, clock, 0);
    expect(intakeSliceEnd(inputs, 0, clock)).toBe(INTAKE_SLICE);
    expect(intakeSliceEnd(inputs, INTAKE_SLICE, clock)).toBe(INTAKE_SLICE + 3);
  });

  it('cuts the slice when reading the files costs the time budget', () => {
    const clock = { t: 0, now: () => clock.t };
    // 0.25 ms each, as measured for files from the dialog: about 80 fit in 20 ms.
    const inputs = slowInputs(10_000, clock, 0.25);
    const end = intakeSliceEnd(inputs, 0, clock);
    expect(end).toBeGreaterThanOrEqual(80);
    expect(end).toBeLessThanOrEqual(88);
    expect(clock.t).toBeLessThan(23);
    // The next slice goes on from there.
    const before = clock.t;
    const next = intakeSliceEnd(inputs, end, clock);
    expect(next - end).toBeGreaterThanOrEqual(80);
    expect(clock.t - before).toBeLessThan(23);
  });
});
