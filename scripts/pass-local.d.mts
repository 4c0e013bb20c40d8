// Types of scripts/pass-local.mjs for the TypeScript callers (tests and the pass benchmark).
export interface ShardStep {
  index: number;
  out: string;
  program: string;
  args: string[];
  env: Record<string, string | undefined>;
}

export interface ShardResult {
  index: number;
  out: string;
  code: number | null;
  signal: string | null;
  spawnError: string | null;
  wall_s: number;
  /** User + system seconds of the process tree, sampled (null when /proc is not there). */
  cpu_s: number | null;
  peak_rss_mb: number | null;
  wroteOutput: boolean;
}

export interface OutStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface PassSummary {
  shards: number;
  concurrency: number;
  max_running: number;
  shards_wall_s: number;
  shards_cpu_s: number | null;
  wall_s?: number;
  peak_rss_mb_max: number | null;
  shard_results: Pick<ShardResult, 'index' | 'code' | 'signal' | 'wall_s' | 'cpu_s' | 'peak_rss_mb'>[];
  failures: string[];
  merge: {
    out: string;
    code: number | null;
    wall_s: number;
    cpu_s: number | null;
    peak_rss_mb: number | null;
  } | null;
}

export const DEFAULT_DETECT_COMMAND: string[];
export const DEFAULT_MERGE_COMMAND: string[];
export function shardFile(outDir: string, index: number): string;
export function planShards(options: {
  shards: number;
  detectArgs: string[];
  outDir: string;
  detectCommand?: string[];
  env?: Record<string, string | undefined>;
}): ShardStep[];
export function shardFailure(result: ShardResult, shards: number): string | null;
export function runShards(
  plan: ShardStep[],
  options: { concurrency: number; out?: OutStreams },
): Promise<{ results: ShardResult[]; maxRunning: number }>;
export function passLocal(options: {
  shards: number;
  concurrency?: number;
  outDir: string;
  detectArgs: string[];
  mergeOuts?: string[];
  merge?: boolean;
  detectCommand?: string[];
  mergeCommand?: string[];
  env?: Record<string, string | undefined>;
  out?: OutStreams;
}): Promise<{ code: number; summary: PassSummary }>;
