// Memory of one launched Chromium (the process whose command line holds `marker`, and its descendants),
// from /proc. Proportional set size (Pss): shared pages are split between the processes that map them, so
// the renderer, GPU and worker processes are not counted several times over (their RSS sum was), and other
// browsers running on the machine are never counted.
import { readFileSync, readdirSync } from 'node:fs';

function kbField(text: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

/** Pss and Rss (MB) summed over the browser's process tree; zeros when it is not running. */
export function browserMemoryMb(marker: string): { pss: number; rss: number } {
  const parent = new Map<string, string>();
  let root = '';
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '');
      if (!root && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) root = pid;
    } catch {
      // The process ended while we looked.
    }
  }
  if (!root) return { pss: 0, rss: 0 };
  const inTree = (pid: string): boolean => {
    for (let p = pid, hops = 0; p && hops < 50; p = parent.get(p) ?? '', hops += 1)
      if (p === root) return true;
    return false;
  };
  let pss = 0;
  let rss = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      pss += kbField(rollup, 'Pss');
      rss += kbField(rollup, 'Rss');
    } catch {
      // Ended, or not ours to read.
    }
  }
  return { pss: pss / 1024, rss: rss / 1024 };
}

/** Samples the peak of {@link browserMemoryMb} every `ms` until stopped. */
export function sampleBrowserMemory(marker: string, ms = 200): { stop(): { pss: number; rss: number } } {
  const peak = { pss: 0, rss: 0 };
  const timer = setInterval(() => {
    const now = browserMemoryMb(marker);
    peak.pss = Math.max(peak.pss, now.pss);
    peak.rss = Math.max(peak.rss, now.rss);
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return { pss: Math.round(peak.pss), rss: Math.round(peak.rss) };
    },
  };
}
