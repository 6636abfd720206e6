import { describe, expect, it } from 'vitest';
import { createJob } from '../job';
import { createPlanQueue } from './plan-queue';

const job = (id: string) => createJob(id, new File([], `${id}.bin`), '');

describe('createPlanQueue', () => {
  it('keeps order, serves urgent jobs first, never holds a job twice, skips unready ones', () => {
    const q = createPlanQueue();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(job) as [
      ReturnType<typeof job>,
      ReturnType<typeof job>,
      ReturnType<typeof job>,
      ReturnType<typeof job>,
    ];
    q.push(a, false);
    q.push(b, false);
    q.push(b, false);
    q.push(c, false);
    q.push(d, true);
    const skip = new Set(['c']);
    const ready = (j: { id: string }) => !skip.has(j.id);
    expect([q.pop(ready), q.pop(ready), q.pop(ready), q.pop(ready)].map((j) => j?.id)).toEqual([
      'd',
      'a',
      'b',
      undefined,
    ]);
    // c left the queue when it was skipped; it can be queued again.
    expect(c.queued).toBe(false);
    q.push(c, true);
    expect(q.pop(() => true)?.id).toBe('c');
  });
});
