// Inputs of a province pass on the command line: scene lists per date and the shard to run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseShard } from '../src/core/pass/shards.ts';
import { UsageError } from './detect-words.ts';

const TIFF = /\.tiff?$/i;

/**
 * Scenes of one date: a directory (every .tif/.tiff in it), a comma list, `@list.txt` (one path per line, blank
 * lines and `#` comments skipped, relative paths from the list's folder), or one file. Sorted by file name;
 * names must be unique within a date (the pass records scenes by name).
 */
export function sceneList(spec: string, date: 'T1' | 'T2'): string[] {
  const option = `--${date.toLowerCase()}`;
  let paths: string[];
  if (spec.startsWith('@')) {
    const list = spec.slice(1);
    if (!existsSync(list)) throw new UsageError(`${option}: the list file ${list} does not exist`);
    paths = readFileSync(list, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => resolve(dirname(list), line));
  } else if (spec.includes(',')) {
    paths = spec
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  } else if (existsSync(spec) && statSync(spec).isDirectory()) {
    paths = readdirSync(spec)
      .filter((name) => TIFF.test(name))
      .map((name) => join(spec, name));
    if (paths.length === 0) throw new UsageError(`${option}: the folder ${spec} holds no .tif or .tiff file`);
  } else paths = [spec];
  if (paths.length === 0) throw new UsageError(`${option}: no scene given`);
  for (const path of paths)
    if (!existsSync(path) || !statSync(path).isFile())
      throw new UsageError(`${option}: the scene ${path} does not exist or is not a file`);
  const names = new Map<string, string>();
  for (const path of paths) {
    const name = basename(path);
    const other = names.get(name);
    if (other !== undefined && resolve(other) !== resolve(path))
      throw new UsageError(`${option}: two scenes are named ${name} (${other} and ${path}); rename one`);
    names.set(name, path);
  }
  return [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, path]) => path);
}

/** True when a date's option names several scenes (or a folder or list, which may hold several). */
export function isSceneSet(spec: string | undefined): boolean {
  if (!spec) return false;
  if (spec.startsWith('@') || spec.includes(',')) return true;
  return existsSync(spec) && statSync(spec).isDirectory();
}

/**
 * The shard to run: `--shard I/N` (0-based), else SHARD_INDEX or JOB_COMPLETION_INDEX (a Kubernetes Indexed
 * Job's completion index) with SHARD_COUNT; neither → 0/1.
 */
export function shardOf(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { index: number; count: number } {
  if (option !== undefined) {
    const shard = parseShard(option);
    if (!shard)
      throw new UsageError(
        `--shard ${option}: give I/N with N ≥ 1 and I from 0 to N−1 (0-based), e.g. --shard 0/4`,
      );
    return shard;
  }
  const indexName = env.SHARD_INDEX !== undefined ? 'SHARD_INDEX' : 'JOB_COMPLETION_INDEX';
  const index = env.SHARD_INDEX ?? env.JOB_COMPLETION_INDEX;
  const count = env.SHARD_COUNT;
  if (index === undefined && count === undefined) return { index: 0, count: 1 };
  if (index === undefined)
    throw new UsageError(`SHARD_COUNT=${count} is set but neither SHARD_INDEX nor JOB_COMPLETION_INDEX`);
  if (count === undefined) throw new UsageError(`${indexName}=${index} is set but SHARD_COUNT is not`);
  const shard = parseShard(`${index}/${count}`);
  if (!shard)
    throw new UsageError(
      `${indexName}=${index} with SHARD_COUNT=${count}: the count must be a whole number ≥ 1 and the index 0 to count−1`,
    );
  return shard;
}
