// scripts/pass-local.mjs: the per-process plan (environment, output file, refused options) and a run with a fake
// command: every shard gets its own SHARD_INDEX, concurrency stays bounded, a failed shard is named in words, the
// exit code is non-zero and the merge is not run.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passLocal, planShards, shardFailure } from '../../../scripts/pass-local.mjs';

const FAKE = [process.execPath, join(import.meta.dirname, 'fake-command.mjs')];
const DETECT_ARGS = ['--t1', '/data/t1', '--t2', '/data/t2', '--redline', '/data/r.geojson'];

/** Collects what the runner prints instead of letting it reach the test output. */
function capture(): {
  stdout: { write(t: string): boolean };
  stderr: { write(t: string): boolean };
  text: () => string;
} {
  let text = '';
  const sink = {
    write(t: string): boolean {
      text += t;
      return true;
    },
  };
  return { stdout: sink, stderr: sink, text: () => text };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pass-local-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('planShards', () => {
  it('gives each process its own SHARD_INDEX, the shard count and its own output file', () => {
    const plan = planShards({
      shards: 3,
      detectArgs: DETECT_ARGS,
      outDir: '/out',
      detectCommand: ['det'],
      env: { KEEP: 'x' },
    });
    expect(plan.map((p) => p.env.SHARD_INDEX)).toEqual(['0', '1', '2']);
    expect(plan.every((p) => p.env.SHARD_COUNT === '3' && p.env.KEEP === 'x')).toBe(true);
    expect(plan.map((p) => p.out)).toEqual([
      '/out/shard-0.parquet',
      '/out/shard-1.parquet',
      '/out/shard-2.parquet',
    ]);
    expect(plan[1]?.program).toBe('det');
    expect(plan[1]?.args).toEqual([...DETECT_ARGS, '--out', '/out/shard-1.parquet']);
  });

  it('refuses --out and --shard in the detect options, and a shard count below one', () => {
    expect(() => planShards({ shards: 2, detectArgs: [...DETECT_ARGS, '--out', 'x'], outDir: '/o' })).toThrow(
      /--out/,
    );
    expect(() => planShards({ shards: 2, detectArgs: ['--shard=0/2'], outDir: '/o' })).toThrow(/--shard/);
    expect(() => planShards({ shards: 0, detectArgs: DETECT_ARGS, outDir: '/o' })).toThrow(/≥ 1/);
    expect(() => planShards({ shards: 1.5, detectArgs: DETECT_ARGS, outDir: '/o' })).toThrow(/whole number/);
  });
});

describe('shardFailure', () => {
  const ok = {
    index: 2,
    out: '/o/shard-2.parquet',
    code: 0,
    signal: null,
    spawnError: null,
    wall_s: 1,
    cpu_s: 0.5,
    peak_rss_mb: 10,
    wroteOutput: true,
  };
  it('says which shard failed and how', () => {
    expect(shardFailure(ok, 4)).toBeNull();
    expect(shardFailure({ ...ok, code: 2 }, 4)).toBe('shard 2 of 4 (SHARD_INDEX=2) failed with exit code 2');
    expect(shardFailure({ ...ok, code: null, signal: 'SIGKILL' }, 4)).toMatch(
      /shard 2 of 4 .*signal SIGKILL/,
    );
    expect(shardFailure({ ...ok, wroteOutput: false }, 4)).toMatch(
      /exited 0 but did not write \/o\/shard-2\.parquet/,
    );
    expect(shardFailure({ ...ok, code: null, spawnError: 'spawn nope ENOENT' }, 4)).toMatch(
      /could not start: spawn nope/,
    );
  });
});

describe('passLocal with a fake command', () => {
  it('runs N processes at most C at a time, then merges the N files in shard order', async () => {
    const outDir = tempDir();
    const out = capture();
    const { code, summary } = await passLocal({
      shards: 4,
      concurrency: 2,
      outDir,
      detectArgs: DETECT_ARGS,
      detectCommand: FAKE,
      mergeCommand: FAKE,
      // Long enough for several 250 ms samples of a running Node (a sample taken during exec sees a few KB).
      env: { ...process.env, FAKE_SLEEP_MS: '800' },
      out,
    });
    expect(code).toBe(0);
    expect(summary.max_running).toBe(2);
    for (let k = 0; k < 4; k++) {
      const written = JSON.parse(readFileSync(join(outDir, `shard-${k}.parquet`), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(written.SHARD_INDEX).toBe(String(k));
      expect(written.SHARD_COUNT).toBe('4');
    }
    const merged = JSON.parse(readFileSync(join(outDir, 'patches.parquet'), 'utf8')) as { args: string[] };
    expect(merged.args).toEqual(
      [0, 1, 2, 3]
        .map((k) => join(outDir, `shard-${k}.parquet`))
        .concat(['--out', join(outDir, 'patches.parquet')]),
    );
    expect(out.text()).toMatch(
      /shard 3\/4 exit=0 wall_s=\d+\.\d\d cpu_s=(\d+\.\d|n\/a) peak_rss_mb=(\d+|n\/a)/,
    );
    expect(summary.shard_results.every((r) => r.code === 0)).toBe(true);
    if (existsSync('/proc/self/stat')) {
      // Each fake is a live Node process for at least 800 ms: the sampler sees its memory and some CPU time.
      for (const r of summary.shard_results) {
        expect(r.peak_rss_mb).toBeGreaterThan(10);
        expect(r.cpu_s).toBeGreaterThanOrEqual(0);
      }
      expect(summary.shards_cpu_s).toBeGreaterThan(0);
    }
  });

  it('names the failed shard, exits non-zero and does not merge', async () => {
    const outDir = tempDir();
    const out = capture();
    const { code, summary } = await passLocal({
      shards: 3,
      concurrency: 3,
      outDir,
      detectArgs: DETECT_ARGS,
      detectCommand: FAKE,
      mergeCommand: FAKE,
      env: { ...process.env, FAKE_FAIL_SHARD: '1' },
      out,
    });
    expect(code).toBe(1);
    expect(summary.failures).toEqual(['shard 1 of 3 (SHARD_INDEX=1) failed with exit code 3']);
    expect(out.text()).toContain('[shard 1] fake: shard 1 fails on purpose');
    expect(out.text()).toContain('the merge was not run');
    expect(existsSync(join(outDir, 'patches.parquet'))).toBe(false);
    expect(existsSync(join(outDir, 'shard-0.parquet'))).toBe(true);
  });

  it('counts a shard that exits 0 without writing its file as failed', async () => {
    const outDir = tempDir();
    const { code, summary } = await passLocal({
      shards: 2,
      outDir,
      detectArgs: DETECT_ARGS,
      detectCommand: FAKE,
      mergeCommand: FAKE,
      env: { ...process.env, FAKE_NO_WRITE_SHARD: '0' },
      out: capture(),
    });
    expect(code).toBe(1);
    expect(summary.failures[0]).toMatch(/^shard 0 of 2 .*did not write/);
  });

  it('reports a failed merge in words', async () => {
    const outDir = tempDir();
    const { code, summary } = await passLocal({
      shards: 1,
      outDir,
      detectArgs: DETECT_ARGS,
      detectCommand: FAKE,
      mergeCommand: [process.execPath, '-e', 'process.exit(2)'],
      out: capture(),
    });
    expect(code).toBe(1);
    expect(summary.failures).toEqual([
      `the merge into ${join(outDir, 'patches.parquet')} failed with exit code 2`,
    ]);
  });
});
