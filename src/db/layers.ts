import { insertIpc, query, transaction, type TransactionStep } from './client.ts';
import { quoteIdent } from './sql.ts';

/** What the `layer` table holds for one layer. */
export interface LayerRow {
  id: string;
  kind: string;
  name: string;
  sourceFile: string;
  crs: string;
  featureCount: number;
  addedAt: string;
}

let staging = 0;

/**
 * Replace a layer in DuckDB: its `layer` row and all its `feature` rows, from an Arrow IPC stream of
 * (layer_id, fid, props, geom, minx, miny, maxx, maxy), in one transaction, so a failure never leaves half a
 * layer. `ipcLayerId` is the id the stream was built with: when it is the layer's own (a new import, or a layer
 * stored as Arrow), the stream is appended as is; otherwise (a layer stored before, re-read with a fresh id) it
 * is staged and copied under the right id. Appending directly keeps one copy of a large layer in DuckDB's memory
 * instead of two. The stream's buffer is transferred to DuckDB's worker: pass a copy if you keep it.
 */
export async function putLayer(
  layer: LayerRow,
  featureIpc: Uint8Array,
  ipcLayerId = layer.id,
): Promise<void> {
  const replace: TransactionStep[] = [
    { sql: 'DELETE FROM feature WHERE layer_id = ?', params: [layer.id] },
    { sql: 'DELETE FROM layer WHERE id = ?', params: [layer.id] },
    {
      sql: 'INSERT INTO layer VALUES (?, ?, ?, ?, ?, ?, CAST(? AS TIMESTAMP))',
      params: [
        layer.id,
        layer.kind,
        layer.name,
        layer.sourceFile,
        layer.crs,
        layer.featureCount,
        layer.addedAt,
      ],
    },
  ];
  if (ipcLayerId === layer.id) {
    await transaction([...replace, { arrow: featureIpc, into: 'feature' }]);
    return;
  }
  staging += 1;
  const temp = quoteIdent(`staging_feature_${staging}`);
  await insertIpc(featureIpc, `staging_feature_${staging}`);
  try {
    await transaction([
      ...replace,
      {
        sql: `INSERT INTO feature SELECT ?, fid, props, geom, minx, miny, maxx, maxy FROM ${temp} WHERE layer_id = ?`,
        params: [layer.id, ipcLayerId],
      },
    ]);
  } finally {
    await query(`DROP TABLE IF EXISTS ${temp}`);
  }
}

/** Change the kind or name of a layer. */
export async function updateLayerRow(id: string, kind: string, name: string): Promise<void> {
  await transaction([{ sql: 'UPDATE layer SET kind = ?, name = ? WHERE id = ?', params: [kind, name, id] }]);
}

export async function deleteLayerRows(id: string): Promise<void> {
  await transaction([
    { sql: 'DELETE FROM feature WHERE layer_id = ?', params: [id] },
    { sql: 'DELETE FROM layer WHERE id = ?', params: [id] },
  ]);
}

/** Empty every project table: DuckDB mirrors exactly one open project. */
export async function clearProjectTables(): Promise<void> {
  await transaction(
    ['feature', 'layer', 'scene', 'run', 'patch', 'case_state'].map((table) => ({
      sql: `DELETE FROM ${table}`,
    })),
  );
}
