/**
 * Case bundles to fuzz: a real bundle of the sample ledger (src/io/zip-bundle.ts), then byte mutations of it,
 * or re-packed bundles whose manifest, project.json or events are fuzzed while every hash stays right (so the
 * input gets past verification into parsing), or whose entry is a zip bomb.
 */
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { writeBundleToBytes } from '../../../src/io/zip-bundle.ts';
import { sampleLedger, SAMPLE_SETTINGS } from '../../golden/sample-ledger.ts';
import { describeMutations, mutate, mutations, type Mutation } from './mutations.ts';
import type { FuzzCase } from './cases.ts';

let valid: Promise<Uint8Array> | null = null;

/** The sample ledger as a bundle (built once per process; deterministic). */
export function validBundle(): Promise<Uint8Array> {
  valid ??= writeBundleToBytes(
    {
      appVersion: '0.1.0',
      created: new Date('2026-11-22T08:00:00Z'),
      creator: { actor: '李娜', device: 'laptop-li' },
      project: { id: 'p-beihai', name: '北海市2026年度红线监管', settings: SAMPLE_SETTINGS },
    },
    sampleLedger(),
    [{ path: 'notes/readme.md', bytes: strToU8('# 说明\n') }],
  ).then((bundle) => bundle.bytes);
  return valid;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface ManifestLike {
  entries: { path: string; size: number; sha256: string; mediaType: string }[];
  [key: string]: unknown;
}

/** Zip entries again, with the manifest's sizes and hashes made right for every entry it lists. */
function repack(entries: Record<string, Uint8Array>, manifest: ManifestLike): Uint8Array {
  const fixed = {
    ...manifest,
    entries: Array.isArray(manifest.entries)
      ? manifest.entries.map((e) => {
          const bytes = typeof e?.path === 'string' ? entries[e.path] : undefined;
          return bytes ? { ...e, size: bytes.length, sha256: sha256(bytes) } : e;
        })
      : manifest.entries,
  };
  return zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(fixed)) });
}

export type BundlePlan =
  | { kind: 'mutate'; ops: Mutation[] }
  | { kind: 'manifest'; path: string[]; value: unknown }
  | { kind: 'project'; path: string[]; value: unknown }
  | { kind: 'events'; keep: number; line: number; path: string[]; value: unknown; extra: unknown[] }
  | { kind: 'bomb'; megabytes: number; listed: boolean };

const fieldPath = fc.array(
  fc.oneof(
    fc.constantFrom(
      'format',
      'formatVersion',
      'entries',
      '0',
      'path',
      'size',
      'project',
      'payload',
      'type',
      'id',
      'caseId',
      'at',
      'settings',
      'counts',
    ),
    fc.string({ maxLength: 6 }),
  ),
  { minLength: 1, maxLength: 3 },
);

export const bundlePlans: fc.Arbitrary<BundlePlan> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('mutate' as const), ops: mutations }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('manifest' as const),
      path: fieldPath,
      value: fc.jsonValue({ maxDepth: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('project' as const),
      path: fieldPath,
      value: fc.jsonValue({ maxDepth: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('events' as const),
      keep: fc.nat(40),
      line: fc.nat(),
      path: fieldPath,
      value: fc.jsonValue({ maxDepth: 2 }),
      extra: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bomb' as const),
      megabytes: fc.integer({ min: 2, max: 24 }),
      listed: fc.boolean(),
    }),
  },
);

/** Set `value` at `path` inside a JSON value (creating objects on the way); returns the new root. */
function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const base: Record<string, unknown> =
    typeof root === 'object' && root !== null ? (Array.isArray(root) ? { ...root } : { ...root }) : {};
  const next = setAt(base[head], rest, value);
  if (Array.isArray(root)) {
    const copy = [...root] as unknown[];
    copy[Number(head) || 0] = next;
    return copy;
  }
  return { ...base, [head]: next };
}

export async function bundleCase(plan: BundlePlan): Promise<FuzzCase> {
  const bytes = await validBundle();
  const name = 'fuzz-bundle.zip';
  if (plan.kind === 'mutate')
    return { name, bytes: mutate(bytes, plan.ops), how: `bundle: ${describeMutations(plan.ops)}` };
  const entries = unzipSync(bytes);
  const manifest = JSON.parse(strFromU8(entries['manifest.json'] ?? new Uint8Array())) as ManifestLike;
  delete entries['manifest.json'];
  if (plan.kind === 'manifest') {
    const changed = setAt(manifest, plan.path, plan.value) as ManifestLike;
    const out = zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(changed)) });
    return { name, bytes: out, how: `manifest.${plan.path.join('.')} = ${JSON.stringify(plan.value)}` };
  }
  if (plan.kind === 'project') {
    const project = JSON.parse(strFromU8(entries['project.json'] ?? new Uint8Array())) as unknown;
    entries['project.json'] = strToU8(JSON.stringify(setAt(project, plan.path, plan.value)));
    return {
      name,
      bytes: repack(entries, manifest),
      how: `project.${plan.path.join('.')} = ${JSON.stringify(plan.value)}`,
    };
  }
  if (plan.kind === 'events') {
    const lines = strFromU8(entries['events.jsonl'] ?? new Uint8Array())
      .split('\n')
      .filter(Boolean)
      .slice(0, plan.keep + 1);
    const at = plan.line % Math.max(1, lines.length);
    const event = JSON.parse(lines[at] ?? '{}') as unknown;
    lines[at] = JSON.stringify(setAt(event, plan.path, plan.value));
    for (const extra of plan.extra) lines.push(JSON.stringify(extra));
    entries['events.jsonl'] = strToU8(`${lines.join('\n')}\n`);
    return {
      name,
      bytes: repack(entries, manifest),
      how: `events[${at}].${plan.path.join('.')} = ${JSON.stringify(plan.value)} (+${plan.extra.length} lines)`,
    };
  }
  // A zip bomb: megabytes of zeros compress about 1000:1.
  entries['photos/zeros.bin'] = new Uint8Array(plan.megabytes * 1024 * 1024);
  if (plan.listed)
    manifest.entries.push({
      path: 'photos/zeros.bin',
      size: 0,
      sha256: '',
      mediaType: 'application/octet-stream',
    });
  return {
    name,
    bytes: repack(entries, manifest),
    how: `zip bomb: ${plan.megabytes} MB of zeros, ${plan.listed ? 'listed' : 'not listed'} in the manifest`,
  };
}
