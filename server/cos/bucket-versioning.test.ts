import { describe, expect, it } from 'vitest';
import { createStateStore } from '../state/state-store';
import { setBucketVersioning, useTestStack } from '../testing/test-stack';
import { checkBucketVersioning } from './bucket-versioning';

const t = useTestStack();

describe('bucket versioning and the create-if-absent writes the signer relies on', () => {
  it('hold on a bucket that never had versioning, and stop holding once it has', async () => {
    const store = createStateStore(t.stack.cos, '.portal/');
    expect(await checkBucketVersioning(t.stack.cos)).toEqual({ state: 'never' });
    expect(await store.put('journal/l1/000001', { who: 'a' }, { ifAbsent: true })).toBe(true);
    expect(await store.put('journal/l1/000001', { who: 'b' }, { ifAbsent: true })).toBe(false);

    await setBucketVersioning(t.stack, 'Enabled');
    expect(await checkBucketVersioning(t.stack.cos)).toEqual({ state: 'Enabled' });
    // Two instances deciding on the same journal head would now both "win".
    expect(await store.put('journal/l1/000002', { who: 'a' }, { ifAbsent: true })).toBe(true);
    expect(await store.put('journal/l1/000002', { who: 'b' }, { ifAbsent: true })).toBe(true);
    expect(await store.get('journal/l1/000002')).toEqual({ who: 'b' });

    await setBucketVersioning(t.stack, 'Suspended');
    expect(await checkBucketVersioning(t.stack.cos)).toEqual({ state: 'Suspended' });
    expect(await store.put('journal/l1/000002', { who: 'c' }, { ifAbsent: true })).toBe(true);
  });
});
