/**
 * The project data a notebook reads, as one fingerprint: when it changes, every output computed before is
 * marked stale. Layers and scenes come from their state; runs, patches and features from DuckDB.
 */
import { query } from '../db/client.ts';
import { hashValue } from '../core/notebook/hash.ts';
import { layers } from './layers.svelte.ts';
import { scenes } from './scenes.svelte.ts';
import { project } from './project.svelte.ts';

const FINGERPRINT_SQL = `SELECT
  (SELECT count(*) FROM layer) AS layers,
  (SELECT count(*) FROM feature) AS features,
  (SELECT count(*) FROM run) AS runs,
  (SELECT coalesce(sum(hash(id, status, patch_count)) % 1000000007, 0) FROM run) AS run_hash,
  (SELECT count(*) FROM patch) AS patches,
  (SELECT coalesce(sum(hash(id, status, activity_type, area_ha, redline_ha, county)) % 1000000007, 0) FROM patch) AS patch_hash`;

/** Fingerprint of the open project's data (layers, scenes, runs, patches). */
export async function dataFingerprint(signal?: AbortSignal): Promise<string> {
  const [row] = await query(FINGERPRINT_SQL, signal ? { signal } : {});
  return hashValue({
    project: project.current?.id ?? null,
    layers: layers.list.map((l) => [l.id, l.kind, l.featureCount]),
    scenes: scenes.scenes.map((s) => [s.record.id, s.record.acquiredOn, s.record.bandRoles]),
    db: row ?? null,
  });
}
