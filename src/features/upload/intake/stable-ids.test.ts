import { describe, expect, it } from 'vitest';
import { fileEntry } from '../components/testing/fake-upload-engine';
import { createStableIds } from './stable-ids';

describe('createStableIds', () => {
  it('keeps its answer while the ids stay the same, and changes it when they do not', () => {
    const stableIds = createStableIds();
    const first = stableIds([fileEntry({ name: 'a' }), fileEntry({ name: 'b' })]);
    expect(first).toEqual(['a', 'b']);
    // New entry objects (progress) with the same ids: the very same array.
    expect(stableIds([fileEntry({ name: 'a', bytesSent: 5 }), fileEntry({ name: 'b' })])).toBe(
      first,
    );
    expect(stableIds([fileEntry({ name: 'b' }), fileEntry({ name: 'a' })])).toEqual(['b', 'a']);
    expect(stableIds([fileEntry({ name: 'b' })])).toEqual(['b']);
  });
});
