/**
 * Runs tasks one per macrotask, in order: the first at once, each later one after a yield, so
 * the page can paint and handle input between them. `clear` drops whatever has not run.
 */
export function createTaskQueue() {
  const tasks: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function drain() {
    timer = undefined;
    const task = tasks.shift();
    try {
      task?.();
    } finally {
      // A task that throws does not strand the ones behind it.
      if (tasks.length > 0 && timer === undefined) timer = setTimeout(drain, 0);
    }
  }

  return {
    push(...more: Array<() => void>) {
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
