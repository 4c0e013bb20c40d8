// `node scripts/pass-local.mjs --shards N [--concurrency C] [--out-dir DIR] [--merge-out FILE[,FILE…]]
//    [--no-merge] [--json] -- <detect options without --out and --shard>`
// The sharded pass on one machine, under the same contract as the Kubernetes Indexed Job (deploy/k8s): N detect
// processes, process k with SHARD_INDEX=k and SHARD_COUNT=N in its environment, writing DIR/shard-k.parquet; at
// most C at a time (default: one per core); then the merge of the N files (default DIR/patches.parquet). Each
// shard's exit code, wall time and peak resident memory (its process tree, sampled from /proc on Linux) are
// printed. Exit code 0 when every shard and the merge succeeded; 1 when a shard or the merge failed (which one, in
// words; the merge is not run when a shard failed); 2 on bad options.
// DETECT_COMMAND / MERGE_COMMAND (a JSON array: program and leading arguments) replace the commands, e.g. to run
// a test's fake.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The repository's detect and merge commands, run with this Node and tsx (no npm wrapper process). */
export const DEFAULT_DETECT_COMMAND = [process.execPath, '--import', 'tsx', join(ROOT, 'scripts/detect.ts')];
export const DEFAULT_MERGE_COMMAND = [process.execPath, '--import', 'tsx', join(ROOT, 'scripts/merge.ts')];

/** The file shard `index` writes in `outDir`; the Kubernetes job uses the same name. */
export function shardFile(outDir, index) {
  return join(outDir, `shard-${index}.parquet`);
}

/**
 * One process per shard: its command line, its environment (the caller's plus SHARD_INDEX/SHARD_COUNT) and its
 * output file. Options that choose the shard or the output are refused: the plan owns them.
 */
export function planShards({
  shards,
  detectArgs,
  outDir,
  detectCommand = DEFAULT_DETECT_COMMAND,
  env = process.env,
}) {
  if (!Number.isInteger(shards) || shards < 1)
    throw new RangeError(`--shards must be a whole number ≥ 1, not ${shards}`);
  const owned = detectArgs.find(
    (a) => a === '--out' || a === '--shard' || a.startsWith('--out=') || a.startsWith('--shard='),
  );
  if (owned) throw new RangeError(`${owned.split('=')[0]} is set by pass-local for each shard; leave it out`);
  const [program, ...lead] = detectCommand;
  return Array.from({ length: shards }, (_, index) => {
    const out = shardFile(outDir, index);
    return {
      index,
      out,
      program,
      args: [...lead, ...detectArgs, '--out', out],
      env: { ...env, SHARD_INDEX: String(index), SHARD_COUNT: String(shards) },
    };
  });
}

/** Linux's clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on every mainstream kernel). */
const TICKS_PER_S = 100;

/** Parent pid and CPU ticks (user + system, own threads only) of every process (Linux /proc); empty elsewhere. */
function processTable() {
  const table = new Map();
  let names;
  try {
    names = readdirSync('/proc');
  } catch {
    return table;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // After the command name (field 2, which may hold spaces and ends at the last ')'): state, ppid (field 4),
      // …, utime (14), stime (15). Children's times (cutime) are left out: they were counted while the child lived.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return table;
}

/** Resident and high-water kB of one process, or null when it is gone (or not Linux). */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * Samples running process trees. Peak memory = max over samples of the tree's summed resident memory, and never
 * less than any one process's own high-water mark (which catches a peak between two samples). CPU = the sum over
 * the tree's processes of their last sampled user + system time (the last interval before each exit is missed).
 */
function processSampler(intervalMs = 250) {
  const roots = new Map(); // root pid → { peakKb, ticks: Map<pid, last ticks> }
  const sample = () => {
    if (roots.size === 0) return;
    const table = processTable();
    for (const [root, seen] of roots) {
      const tree = new Set([root]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const [pid, { ppid }] of table) {
          if (tree.has(ppid) && !tree.has(pid)) {
            tree.add(pid);
            grew = true;
          }
        }
      }
      let sum = 0;
      let hwm = 0;
      for (const pid of tree) {
        const m = memoryOf(pid);
        const row = table.get(pid);
        if (row) seen.ticks.set(pid, row.ticks);
        if (!m) continue;
        sum += m.rss;
        hwm = Math.max(hwm, m.hwm);
      }
      seen.peakKb = Math.max(seen.peakKb, sum, hwm);
    }
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    watch(pid) {
      roots.set(pid, { peakKb: 0, ticks: new Map() });
      sample();
    },
    /** Stops watching `pid`: its tree's peak in MB and CPU seconds, null when nothing could be read (not Linux). */
    release(pid) {
      const seen = roots.get(pid);
      roots.delete(pid);
      if (!seen || seen.peakKb === 0) return { peak_rss_mb: null, cpu_s: null };
      let ticks = 0;
      for (const t of seen.ticks.values()) ticks += t;
      return { peak_rss_mb: seen.peakKb / 1024, cpu_s: ticks / TICKS_PER_S };
    },
    stop: () => clearInterval(timer),
  };
}

/** Lines of a child's stream, prefixed with its name, to our own stream. */
function relay(stream, prefix, target) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) target.write(`${prefix}${line}\n`);
  });
  stream.on('end', () => {
    if (rest) target.write(`${prefix}${rest}\n`);
  });
}

/** Runs one process to its end: exit code (or signal), wall seconds, peak MB. */
function runProcess({ program, args, env, name }, sampler, out) {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) sampler.watch(child.pid);
    relay(child.stdout, `[${name}] `, out.stdout);
    relay(child.stderr, `[${name}] `, out.stderr);
    let spawnError = null;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code, signal) => {
      resolvePromise({
        code: spawnError ? null : code,
        signal,
        spawnError: spawnError ? spawnError.message : null,
        wall_s: (performance.now() - started) / 1000,
        ...(child.pid ? sampler.release(child.pid) : { peak_rss_mb: null, cpu_s: null }),
      });
    });
  });
}

/** Why a finished shard counts as failed, in words; null when it succeeded. */
export function shardFailure(result, shards) {
  const which = `shard ${result.index} of ${shards} (SHARD_INDEX=${result.index})`;
  if (result.spawnError) return `${which} could not start: ${result.spawnError}`;
  if (result.signal) return `${which} was stopped by signal ${result.signal}`;
  if (result.code !== 0) return `${which} failed with exit code ${result.code}`;
  if (!result.wroteOutput) return `${which} exited 0 but did not write ${result.out}`;
  return null;
}

/**
 * Runs the plan with at most `concurrency` processes at a time, in shard order. Returns one result per shard
 * (exit code, wall time, peak memory, whether it wrote its file) and the most processes that ran at once.
 */
export async function runShards(plan, { concurrency, out = process }) {
  const sampler = processSampler();
  const results = new Array(plan.length);
  let next = 0;
  let running = 0;
  let maxRunning = 0;
  const worker = async () => {
    while (next < plan.length) {
      const step = plan[next++];
      running++;
      maxRunning = Math.max(maxRunning, running);
      const launched = Date.now();
      const r = await runProcess({ ...step, name: `shard ${step.index}` }, sampler, out);
      running--;
      // A file left by an earlier run does not count: it must have been written after this shard started.
      const wroteOutput = existsSync(step.out) && statSync(step.out).mtimeMs >= launched - 1000;
      results[step.index] = { index: step.index, out: step.out, ...r, wroteOutput };
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, plan.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  sampler.stop();
  return { results, maxRunning };
}

/** Runs the merge of the shard files; its exit code, wall time and peak memory. */
export async function runMerge({
  shardFiles,
  mergeOut,
  mergeCommand = DEFAULT_MERGE_COMMAND,
  env = process.env,
  out = process,
}) {
  const sampler = processSampler();
  const [program, ...lead] = mergeCommand;
  const r = await runProcess(
    { program, args: [...lead, ...shardFiles, '--out', mergeOut], env, name: 'merge' },
    sampler,
    out,
  );
  sampler.stop();
  return r;
}

const mb = (v) => (v === null ? 'n/a' : String(Math.round(v)));
const secs = (v) => (v === null ? 'n/a' : v.toFixed(1));

/** The whole local pass: shards, report, merge. Returns the exit code and a summary for --json. */
export async function passLocal({
  shards,
  concurrency = availableParallelism(),
  outDir,
  detectArgs,
  mergeOuts = [join(outDir, 'patches.parquet')],
  merge = true,
  detectCommand = DEFAULT_DETECT_COMMAND,
  mergeCommand = DEFAULT_MERGE_COMMAND,
  env = process.env,
  out = process,
}) {
  const plan = planShards({ shards, detectArgs, outDir, detectCommand, env });
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const { results, maxRunning } = await runShards(plan, { concurrency, out });
  const failures = [];
  for (const r of results) {
    const failure = shardFailure(r, shards);
    if (failure) failures.push(failure);
    out.stdout.write(
      `shard ${r.index}/${shards} exit=${r.signal ?? r.code} wall_s=${r.wall_s.toFixed(2)} cpu_s=${secs(r.cpu_s)} peak_rss_mb=${mb(r.peak_rss_mb)}${failure ? ' FAILED' : ''}\n`,
    );
  }
  const peaks = results.map((r) => r.peak_rss_mb).filter((v) => v !== null);
  const summary = {
    shards,
    concurrency,
    max_running: maxRunning,
    shards_wall_s: (performance.now() - started) / 1000,
    peak_rss_mb_max: peaks.length > 0 ? Math.max(...peaks) : null,
    shards_cpu_s: results.every((r) => r.cpu_s !== null) ? results.reduce((t, r) => t + r.cpu_s, 0) : null,
    shard_results: results.map(({ index, code, signal, wall_s, cpu_s, peak_rss_mb }) => ({
      index,
      code,
      signal,
      wall_s,
      cpu_s,
      peak_rss_mb,
    })),
    failures,
    merge: null,
  };
  if (failures.length > 0) {
    for (const f of failures) out.stderr.write(`pass-local: ${f}\n`);
    out.stderr.write(`pass-local: ${failures.length} of ${shards} shards failed; the merge was not run\n`);
    return { code: 1, summary };
  }
  if (merge) {
    const shardFiles = plan.map((p) => p.out);
    for (const mergeOut of mergeOuts) {
      const r = await runMerge({ shardFiles, mergeOut, mergeCommand, env, out });
      summary.merge = {
        out: mergeOut,
        code: r.code,
        wall_s: r.wall_s,
        cpu_s: r.cpu_s,
        peak_rss_mb: r.peak_rss_mb,
      };
      out.stdout.write(
        `merge → ${mergeOut} exit=${r.signal ?? r.code} wall_s=${r.wall_s.toFixed(2)} cpu_s=${secs(r.cpu_s)} peak_rss_mb=${mb(r.peak_rss_mb)}\n`,
      );
      if (r.code !== 0) {
        const why = r.spawnError
          ? `could not start: ${r.spawnError}`
          : r.signal
            ? `was stopped by signal ${r.signal}`
            : `failed with exit code ${r.code}`;
        summary.failures.push(`the merge into ${mergeOut} ${why}`);
        out.stderr.write(`pass-local: the merge into ${mergeOut} ${why}\n`);
        return { code: 1, summary };
      }
    }
  }
  summary.wall_s = (performance.now() - started) / 1000;
  out.stdout.write(
    `pass-local: ${shards} shards ok, wall_s=${summary.wall_s.toFixed(2)} shards_cpu_s=${secs(summary.shards_cpu_s)} peak_rss_mb_max=${mb(summary.peak_rss_mb_max)}\n`,
  );
  return { code: 0, summary };
}

/** A command from an environment variable holding a JSON array of strings, or the default. */
function commandFrom(variable, fallback) {
  const text = process.env[variable];
  if (!text) return fallback;
  const parsed = JSON.parse(text);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((p) => typeof p === 'string'))
    throw new RangeError(`${variable} must be a JSON array of strings, e.g. ["node","fake.mjs"]`);
  return parsed;
}

async function main() {
  const dash = process.argv.indexOf('--', 2);
  const own = dash < 0 ? process.argv.slice(2) : process.argv.slice(2, dash);
  const detectArgs = dash < 0 ? [] : process.argv.slice(dash + 1);
  const { values } = parseArgs({
    args: own,
    options: {
      shards: { type: 'string' },
      concurrency: { type: 'string' },
      'out-dir': { type: 'string' },
      'merge-out': { type: 'string' },
      'no-merge': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const shards = Number(values.shards ?? 1);
  const concurrency = Number(values.concurrency ?? availableParallelism());
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`--concurrency must be a whole number ≥ 1, not ${values.concurrency}`);
  if (detectArgs.length === 0)
    throw new RangeError('give the detect options after --, e.g. -- --t1 DIR --t2 DIR --redline R.geojson');
  const outDir = resolve(values['out-dir'] ?? 'pass-out');
  const { code, summary } = await passLocal({
    shards,
    concurrency,
    outDir,
    detectArgs,
    mergeOuts: values['merge-out']
      ? values['merge-out'].split(',').map((p) => resolve(p))
      : [join(outDir, 'patches.parquet')],
    merge: !values['no-merge'],
    detectCommand: commandFrom('DETECT_COMMAND', DEFAULT_DETECT_COMMAND),
    mergeCommand: commandFrom('MERGE_COMMAND', DEFAULT_MERGE_COMMAND),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    process.stderr.write(`pass-local: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
