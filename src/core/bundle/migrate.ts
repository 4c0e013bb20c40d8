/**
 * Pure, chained migrations of a bundle's JSON content: step i takes format version i+1 to i+2. A bundle of
 * version v is read by applying steps v-1 … current-2 in order; every step is a pure function of its input.
 * Format 1 is the first shipped version, so the chain is empty today: append a step with each new version,
 * never edit a shipped one.
 */
import { BUNDLE_FORMAT_VERSION, BundleError } from './manifest.ts';

/** A bundle's JSON content before validation. */
export interface RawBundle {
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly project: unknown;
  readonly events: readonly unknown[];
}
export type BundleMigration = (raw: RawBundle) => RawBundle;

export const BUNDLE_MIGRATIONS: readonly BundleMigration[] = [];

/** Bring raw content from `fromVersion` to `target`, without touching the input. */
export function migrateBundle(
  raw: RawBundle,
  fromVersion: number,
  chain: readonly BundleMigration[] = BUNDLE_MIGRATIONS,
  target: number = BUNDLE_FORMAT_VERSION,
): RawBundle {
  if (fromVersion > target)
    throw new BundleError('newer_format', `format version ${fromVersion} > ${target}`);
  let current: RawBundle = structuredClone(raw);
  for (let version = fromVersion; version < target; version += 1) {
    const step = chain[version - 1];
    if (!step) throw new BundleError('bad_manifest', `no migration from format version ${version}`);
    current = step(current);
    current = { ...current, manifest: { ...current.manifest, formatVersion: version + 1 } };
  }
  return current;
}
