/**
 * CPU time and memory of a process tree, read from /proc (Linux). The bench measures the
 * server from outside, so it needs no hooks in the app.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const CLOCK_TICKS_PER_SECOND = 100; // sysconf(_SC_CLK_TCK) on Linux

function readStat(pid: number): { ppid: number; cpuTicks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** The pid and every descendant of it that is alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** User + system CPU time of the tree, in milliseconds (10 ms resolution). */
export function cpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + ((readStat(pid)?.cpuTicks ?? 0) * 1000) / CLOCK_TICKS_PER_SECOND, 0);
}

/**
 * CPU time of the tree's threads in milliseconds, with nanosecond resolution (the scheduler's
 * /proc/<pid>/task/<tid>/schedstat), where /proc/<pid>/stat counts 10 ms ticks. Threads that
 * exited are not counted: compare readings of long-lived processes only (a Node.js server's
 * threads live as long as it does).
 */
export function cpuMsFine(pids: number[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`))
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the process or thread is gone
    }
  }
  return ns / 1e6;
}

/** The machine's CPU time so far, busy and in all, over every CPU (os.cpus(), milliseconds). */
export function machineCpuMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}

/** Resident memory of the tree, in MB. */
export function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += match ? Number(match[1]) : 0;
    } catch {
      // the process is gone
    }
  }
  return kb / 1024;
}

/** Samples RSS every `intervalMs` until stopped; returns the peak. */
export function sampleRss(pids: number[], intervalMs = 50): { stop: () => number } {
  let peak = rssMb(pids);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pids));
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(pids));
    },
  };
}

/**
 * Pins every thread of `pids` to the given CPUs (`taskset`); returns false where that is not
 * possible (no taskset, one CPU). The browser section keeps the bench's own server side (the
 * app, the fake upstream, this process) off one CPU, so that the page's main thread is not
 * descheduled by them: on a user's machine the model server is elsewhere.
 */
export function pinToCpus(pids: number[], cpus: string): boolean {
  if (CPU_COUNT < 2) return false;
  // Every pid is tried (a process of the tree may have exited since it was listed): one left
  // pinned would pass its CPU to everything it starts later, such as Lighthouse's Chrome.
  const results = pids.map(
    (pid) => spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' }).status === 0,
  );
  return results.includes(true);
}

// The machine's CPUs, not availableParallelism(): that follows this process's own affinity,
// which pinning changes.
const CPU_COUNT = cpus().length;

/** All CPUs, as `taskset` spells them. */
export const ALL_CPUS = `0-${CPU_COUNT - 1}`;
