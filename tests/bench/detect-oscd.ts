// The OSCD five-city table: pixel/object metrics per city and pooled pixel F1 (TP/FP/FN summed over the
// cities) with ONE global parameter set (the defaults unless overridden). Usage:
//   npx tsx tests/bench/detect-oscd.ts [--params '{"minAreaM2":2000}'] [--data /work/shared/data/oscd]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pooledF1, type Metrics } from '../../src/core/detect/evaluate.ts';
import type { DetectParamsInput } from '../../src/core/detect/params.ts';
import { evaluateFiles } from '../../src/io/geotiff-evaluate.ts';
import { useNodeInflate } from '../../src/io/geotiff-inflate-node.ts';

export const OSCD_CITIES = ['beihai', 'aguasclaras', 'bordeaux', 'nantes', 'pisa'] as const;
export const OSCD_DIR = '/work/shared/data/oscd';

export interface CityRow extends Metrics {
  city: string;
  seconds: number;
}

/** Run the table; returns per-city rows and the pooled figures. */
export async function runOscdTable(
  params: DetectParamsInput = {},
  dir = OSCD_DIR,
  cities: readonly string[] = OSCD_CITIES,
): Promise<{ rows: CityRow[]; pooled: { precision: number; recall: number; f1: number } }> {
  useNodeInflate();
  const rows: CityRow[] = [];
  for (const city of cities) {
    const base = join(dir, city);
    if (!existsSync(join(base, 't1.tif'))) throw new Error(`missing ${base}/t1.tif`);
    const started = Date.now();
    const { metrics } = await evaluateFiles(
      join(base, 't1.tif'),
      join(base, 't2.tif'),
      join(base, 'truth.tif'),
      {
        params,
      },
    );
    rows.push({ city, ...metrics, seconds: (Date.now() - started) / 1000 });
  }
  return { rows, pooled: pooledF1(rows) };
}

/** Print the table. */
export function printOscdTable(
  rows: readonly CityRow[],
  pooled: { precision: number; recall: number; f1: number },
): void {
  const f = (v: number): string => v.toFixed(3);
  console.log('city          P_pix  R_pix  F1_pix  P_obj  R_obj  patches  truth_obj  s');
  for (const r of rows)
    console.log(
      `${r.city.padEnd(12)}  ${f(r.pixelPrecision)}  ${f(r.pixelRecall)}  ${f(r.pixelF1)}   ${f(r.objectPrecision)}  ${f(r.objectRecall)}  ${String(r.patches).padStart(7)}  ${String(r.truthObjects).padStart(9)}  ${r.seconds.toFixed(1)}`,
    );
  console.log(`pooled        ${f(pooled.precision)}  ${f(pooled.recall)}  ${f(pooled.f1)}`);
  console.log(`pooled_f1=${f(pooled.f1)} min_city_f1=${f(Math.min(...rows.map((r) => r.pixelF1)))}`);
}

const isMain = process.argv[1]?.endsWith('detect-oscd.ts');
if (isMain) {
  const { values } = parseArgs({ options: { params: { type: 'string' }, data: { type: 'string' } } });
  const params = values.params ? (JSON.parse(values.params) as DetectParamsInput) : {};
  const { rows, pooled } = await runOscdTable(params, values.data ?? OSCD_DIR);
  printOscdTable(rows, pooled);
}
