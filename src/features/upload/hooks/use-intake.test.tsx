// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileInput } from '../engine/types';
import { INTAKE_SLICE, useIntake } from './use-intake';

afterEach(() => vi.useRealTimers());

function inputs(count: number, prefix = 'f'): FileInput[] {
  return Array.from({ length: count }, (_, i) => ({
    file: new File(['x'], `${prefix}${i}.txt`, { lastModified: 1 }),
    relativePath: '',
  }));
}

describe('useIntake', () => {
  it('hands a large pick over in slices, the first one at once, in order', () => {
    vi.useFakeTimers();
    const batches: FileInput[][] = [];
    const { result } = renderHook(() => useIntake((batch) => batches.push(batch)));
    const pick = inputs(2 * INTAKE_SLICE + 7);
    act(() => result.current.take({ inputs: pick, unreadable: 0 }));
    expect(batches.map((b) => b.length)).toEqual([INTAKE_SLICE]);
    act(() => vi.runAllTimers());
    expect(batches.map((b) => b.length)).toEqual([INTAKE_SLICE, INTAKE_SLICE, 7]);
    expect(batches.flat().map((i) => i.file.name)).toEqual(pick.map((i) => i.file.name));
  });

  it('notices duplicates across slices and picks, and sends them only when asked', () => {
    vi.useFakeTimers();
    const batches: FileInput[][] = [];
    const { result } = renderHook(() => useIntake((batch) => batches.push(batch)));
    const first = inputs(INTAKE_SLICE + 1);
    act(() => {
      result.current.take({ inputs: first, unreadable: 0 });
      // A second pick of the same files while the first is still being handed over.
      result.current.take({ inputs: inputs(INTAKE_SLICE + 1), unreadable: 2 });
      vi.runAllTimers();
    });
    expect(batches.flat()).toHaveLength(INTAKE_SLICE + 1);
    expect(result.current.duplicates).toHaveLength(INTAKE_SLICE + 1);
    expect(result.current.notice).toEqual({ junk: [], unreadable: 2 });

    act(() => {
      result.current.addDuplicates();
      vi.runAllTimers();
    });
    expect(batches.flat()).toHaveLength(2 * (INTAKE_SLICE + 1));
    expect(result.current.duplicates).toBeNull();
  });

  it('stops handing files over when the page goes away', () => {
    vi.useFakeTimers();
    const batches: FileInput[][] = [];
    const { result, unmount } = renderHook(() => useIntake((batch) => batches.push(batch)));
    act(() => result.current.take({ inputs: inputs(3 * INTAKE_SLICE), unreadable: 0 }));
    unmount();
    vi.runAllTimers();
    expect(batches).toHaveLength(1);
  });
});
