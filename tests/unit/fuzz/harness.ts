/**
 * The fuzz harness: runs a target's cases in a child process (runner.ts) with a capped V8 heap, kills it when
 * one case takes longer than the per-case limit (a hang), restarts it after a hang or a crash, and sums up.
 * Inputs behind every finding are rebuilt here from (seed, index) and saved under test-results/fuzz/.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { caseAt, type TargetName } from './cases.ts';
import type { RunnerMessage } from './runner.ts';

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** Longest a single case may take, ms. */
  caseMs: number;
  /** V8 heap cap of the child, MB: a reader that needs more crashes, which is reported. */
  heapMb: number;
}

export interface Finding {
  index: number;
  problem: string;
  how: string;
  /** Where the input was saved. */
  saved?: string;
}

export interface FuzzSummary {
  target: TargetName;
  runs: number;
  seed: number;
  accepted: number;
  /** Cases refused with a typed error and messages. */
  refused: number;
  /** How often each refusal code came out (a zip can hold several layers, each with its code). */
  codes: Record<string, number>;
  internal: Finding[];
  messages: Finding[];
  violations: Finding[];
  hangs: Finding[];
  crashes: Finding[];
  maxMs: number;
  slowest: { index: number; ms: number; how: string } | null;
  maxRssMb: number;
  maxBytes: number;
  seconds: number;
}

export const OUT_DIR = 'test-results/fuzz';
const RUNNER = fileURLToPath(new URL('./runner.ts', import.meta.url));
const SAVE_AT_MOST = 25;

/** Rebuild the input of a finding and save it next to a JSON note. */
async function save(target: TargetName, seed: number, finding: Finding, kind: string): Promise<Finding> {
  const input = await caseAt(target, seed, finding.index);
  const dir = `${OUT_DIR}/${target}`;
  mkdirSync(dir, { recursive: true });
  const base = `${dir}/${kind}-${seed}-${finding.index}`;
  const ext = input.name.split('.').pop() ?? 'bin';
  writeFileSync(`${base}.${ext}`, input.bytes);
  writeFileSync(`${base}.json`, JSON.stringify({ target, seed, kind, ...finding, how: input.how }, null, 2));
  return { ...finding, how: input.how.slice(0, 300), saved: `${base}.${ext}` };
}

/** Run `runs` cases of a target; never throws for what a reader does, only for a broken harness. */
export async function runFuzz(target: TargetName, options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const summary: FuzzSummary = {
    target,
    runs: options.runs,
    seed: options.seed,
    accepted: 0,
    refused: 0,
    codes: {},
    internal: [],
    messages: [],
    violations: [],
    hangs: [],
    crashes: [],
    maxMs: 0,
    slowest: null,
    maxRssMb: 0,
    maxBytes: 0,
    seconds: 0,
  };
  let next = 0;
  while (next < options.runs) {
    const from = next;
    const child = fork(RUNNER, [target, String(options.seed), String(from), String(options.runs)], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${options.heapMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    let current = -1;
    let hung = false;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      child.on('message', (message: RunnerMessage) => {
        if (message.type === 'start') {
          current = message.index;
          clearTimeout(timer);
          timer = setTimeout(() => {
            hung = true;
            child.kill('SIGKILL');
          }, options.caseMs);
        } else if (message.type === 'result') {
          clearTimeout(timer);
          next = message.index + 1;
          summary.maxRssMb = Math.max(summary.maxRssMb, message.rssMb);
          summary.maxBytes = Math.max(summary.maxBytes, message.bytes);
          if (message.ms > summary.maxMs) {
            summary.maxMs = message.ms;
            summary.slowest = { index: message.index, ms: Math.round(message.ms), how: message.how };
          }
          const finding = { index: message.index, problem: message.problem ?? '', how: message.how };
          for (const code of new Set(message.codes)) summary.codes[code] = (summary.codes[code] ?? 0) + 1;
          if (message.status === 'accepted') summary.accepted += 1;
          else if (message.status === 'refused') summary.refused += 1;
          else if (message.status === 'internal') summary.internal.push(finding);
          else if (message.status === 'message') summary.messages.push(finding);
          else summary.violations.push(finding);
        } else {
          next = options.runs;
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (next < options.runs) {
          if (current < from) {
            summary.crashes.push({ index: from, problem: `runner did not start: ${stderr}`, how: '' });
            next = options.runs; // a broken harness: stop, the test reports it
          } else {
            const problem = hung
              ? `no answer within ${options.caseMs} ms`
              : `process died (exit ${code}, signal ${signal}): ${stderr.trim().split('\n').slice(-12).join('\n')}`;
            (hung ? summary.hangs : summary.crashes).push({ index: current, problem, how: '' });
            next = current + 1;
          }
        }
        resolve();
      });
    });
  }
  for (const kind of ['violations', 'hangs', 'crashes', 'internal', 'messages'] as const) {
    const list = summary[kind];
    for (let i = 0; i < Math.min(list.length, SAVE_AT_MOST); i += 1) {
      const finding = list[i];
      if (finding && finding.problem.startsWith('runner did not start')) continue;
      if (finding) list[i] = await save(target, options.seed, finding, kind);
    }
  }
  summary.seconds = (Date.now() - started) / 1000;
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(`${OUT_DIR}/summary-${target}.json`, JSON.stringify(summary, null, 2));
  return summary;
}

/** One paragraph for the console. */
export function formatSummary(s: FuzzSummary): string {
  const codes = Object.entries(s.codes)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const lines = [
    `fuzz ${s.target}: ${s.runs} cases (seed ${s.seed}) in ${s.seconds.toFixed(1)} s — accepted ${s.accepted}, ` +
      `refused ${s.refused}, internal ${s.internal.length}, ` +
      `message ${s.messages.length}, violations ${s.violations.length}, hangs ${s.hangs.length}, crashes ${s.crashes.length}; ` +
      `slowest ${s.maxMs.toFixed(0)} ms, max RSS ${s.maxRssMb.toFixed(0)} MB, largest input ${s.maxBytes} B`,
    `  codes: ${codes || '-'}`,
  ];
  for (const kind of ['violations', 'hangs', 'crashes', 'internal', 'messages'] as const)
    for (const f of s[kind].slice(0, 8))
      lines.push(
        `  ${kind} #${f.index}: ${f.problem.split('\n')[0]?.slice(0, 200)} [${f.how.slice(0, 100)}]${f.saved ? ` → ${f.saved}` : ''}`,
      );
  return lines.join('\n');
}
