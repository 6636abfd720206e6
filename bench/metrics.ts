/**
 * Measurements outside the page: memory and CPU of a process tree read from /proc, and the small
 * statistics the report needs. Linux only, like the machine the benchmark is defined on.
 */
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';

export interface MemorySample {
  /** Sum of resident set sizes of the tree, bytes. Shared pages count once per process. */
  rss: number;
  /** Sum of proportional set sizes (shared pages split between their users), bytes; null if unreadable. */
  pss: number | null;
  processes: number;
}

const PAGE_SIZE = 4096;
/** USER_HZ on Linux: the unit of /proc's CPU times. */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) the process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the pid and every descendant still running. */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

function readParents(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended between readdir and read.
    }
  }
  return parents;
}

/** The pid and all its descendants. */
export function processTree(root: number): number[] {
  const parents = readParents();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** Direct children of `parent` running `executable` (compared by resolved path). */
export function childrenRunning(parent: number, executable: string): number[] {
  let target: string;
  try {
    target = realpathSync(executable);
  } catch {
    target = executable;
  }
  const out: number[] = [];
  for (const [pid, ppid] of readParents()) {
    if (ppid !== parent) continue;
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === target) out.push(pid);
    } catch {
      // Gone, or not ours to inspect.
    }
  }
  return out;
}

function rssOf(pid: number): number {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(statm[1]) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

function pssOf(pid: number): number | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const m = /^Pss:\s+(\d+) kB/m.exec(rollup);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function sampleMemory(root: number): MemorySample {
  const pids = processTree(root);
  let rss = 0;
  let pss: number | null = 0;
  for (const pid of pids) {
    rss += rssOf(pid);
    const p = pssOf(pid);
    pss = p === null || pss === null ? null : pss + p;
  }
  return { rss, pss, processes: pids.length };
}

/** Samples a process tree every `intervalMs` and keeps the peak. */
export class MemoryWatch {
  private timer: NodeJS.Timeout | null = null;
  peakRss = 0;
  peakPss: number | null = 0;
  samples = 0;

  constructor(
    private readonly root: number,
    private readonly intervalMs = 250,
  ) {}

  start(): this {
    const tick = () => {
      const s = sampleMemory(this.root);
      this.samples++;
      this.peakRss = Math.max(this.peakRss, s.rss);
      this.peakPss = s.pss === null || this.peakPss === null ? null : Math.max(this.peakPss, s.pss);
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function max(values: readonly (number | null | undefined)[]): number | null {
  const present = values.filter((v): v is number => typeof v === 'number');
  return present.length ? Math.max(...present) : null;
}

export function percentile(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.min(
    sortedAscending.length - 1,
    Math.ceil((p / 100) * sortedAscending.length) - 1,
  );
  return sortedAscending[Math.max(0, rank)]!;
}
