/**
 * Runs tasks one per macrotask, in order: the first at once, each later one after a yield, so
 * the page can paint and handle input between them. A task that returns `true` has more to do
 * and runs again next, before anything queued behind it. `clear` drops whatever has not run.
 */
export function createTaskQueue() {
  const tasks: Array<() => boolean | void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function drain() {
    timer = undefined;
    const task = tasks[0];
    let again = false;
    try {
      again = task?.() === true;
    } finally {
      // Not when the task cleared the queue itself (its first entry is someone else's then).
      if (!again && tasks[0] === task) tasks.shift();
      // A task that throws does not strand the ones behind it.
      if (tasks.length > 0 && timer === undefined) timer = setTimeout(drain, 0);
    }
  }

  return {
    push(...more: Array<() => boolean | void>) {
      tasks.push(...more);
      if (timer === undefined) drain();
    },
    clear() {
      tasks.length = 0;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
