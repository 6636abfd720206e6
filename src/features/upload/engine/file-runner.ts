/**
 * The thin runner around the per-file state machine (state/file-machine.ts): every change of
 * a file's life goes through `send`, which asks `transition` what follows, stores the new
 * stage (the store is the one place it lives) and carries out the effects, in order, through
 * `perform` (file-effects.ts). It also counts the files being signed or sent, which is what
 * signing just in time measures against (planning/planner.ts).
 */
import type { Job } from './job';
import {
  accepts,
  IN_PIPELINE,
  transition,
  type Effect,
  type FileEvent,
  type FileStage,
} from './state/file-machine';
import type { Store } from './state/store';

export interface FileRunner {
  /** Apply `event` to the file; false when it does not apply in the file's stage. */
  send(job: Job, event: FileEvent): boolean;
  accepts(job: Job, event: FileEvent): boolean;
  stageOf(job: Job): FileStage | undefined;
  /** In a signing call (its plan will be taken when it comes), paused or not. */
  isPlanning(job: Job): boolean;
  /** Files being signed or sending bytes now. */
  readonly pipeline: number;
}

export function createFileRunner(deps: {
  store: Store;
  now: () => number;
  perform: (job: Job, effect: Effect) => void;
  /** A file left the pipeline: there may be room to sign more. */
  onPipelineLeft: () => void;
}): FileRunner {
  const { store } = deps;
  let pipeline = 0;
  const stageOf = (job: Job) => store.get(job.id)?.stage;

  return {
    send(job, event) {
      const before = stageOf(job);
      if (before === undefined) return false;
      const next = transition(before, event);
      if (next === null) return false;
      const was = IN_PIPELINE.has(before);
      const is = IN_PIPELINE.has(next.stage);
      if (was !== is) pipeline += is ? 1 : -1;
      store.dispatch({ type: 'stage', id: job.id, stage: next.stage, event, at: deps.now() });
      for (const effect of next.effects) deps.perform(job, effect);
      if (was && !is) deps.onPipelineLeft();
      return true;
    },
    accepts(job, event) {
      const stage = stageOf(job);
      return stage !== undefined && accepts(stage, event);
    },
    stageOf,
    isPlanning(job) {
      const stage = stageOf(job);
      return stage === 'planning' || stage === 'held-planning';
    },
    get pipeline() {
      return pipeline;
    },
  };
}
