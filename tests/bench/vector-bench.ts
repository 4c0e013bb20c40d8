/**
 * Vector import benchmark: a 200 000-polygon GeoJSON (~100 MB, generated once under tests/bench/.data/),
 * streamed from disk through the real reader (scan → validate → WKB + bbox rows). Reports wall time and the
 * process's peak resident memory. Run alone: `npx tsx tests/bench/vector-bench.ts`.
 */
import { createWriteStream, existsSync, mkdirSync, openAsBlob, statSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readVector } from '../../src/io/vector-read.ts';
import { mulberry32 as random } from './random.ts';

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '.data');
const FEATURES = 200_000;
const KINDS = ['林地', '草地', '湿地', '水域', '裸地'];

function featureText(i: number, rand: () => number): string {
  const cx = 104.5 + rand() * 7.5;
  const cy = 21 + rand() * 5;
  const r = 0.002 + rand() * 0.008;
  const n = 10 + Math.floor(rand() * 6);
  const ring: string[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const rr = r * (0.7 + 0.3 * rand());
    ring.push(`[${(cx + rr * Math.cos(a)).toFixed(6)},${(cy + rr * Math.sin(a)).toFixed(6)}]`);
  }
  ring.push(ring[0] ?? '[0,0]');
  const props = `{"id":${i},"名称":"示例图斑${i}","类型":"${KINDS[i % KINDS.length]}","面积":${(rand() * 50).toFixed(2)},"代码":"4505${String(i % 100).padStart(2, '0')}"}`;
  return `{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`;
}

/** Write the benchmark file once (streamed, so generating it needs little memory). */
export async function ensureBenchGeoJson(): Promise<string> {
  const path = join(DATA_DIR, 'polygons-200k.geojson');
  if (existsSync(path) && statSync(path).size > 50_000_000) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const out = createWriteStream(path);
  const rand = random(20260101);
  out.write('{"type":"FeatureCollection","name":"bench","features":[\n');
  for (let i = 0; i < FEATURES; i += 1000) {
    const lines: string[] = [];
    for (let j = i; j < Math.min(FEATURES, i + 1000); j++) lines.push(featureText(j, rand));
    if (!out.write(lines.join(',\n') + (i + 1000 < FEATURES ? ',\n' : '\n'))) await once(out, 'drain');
  }
  out.end(']}\n');
  await once(out, 'finish');
  return path;
}

export interface VectorBenchResult {
  file_mb: number;
  features: number;
  ours_s: number;
  peak_mb: number;
  rows_only_s: number;
  rows_only_peak_mb: number;
}

async function timedRead(
  path: string,
  keepFeatures: boolean,
): Promise<{ seconds: number; features: number; peakMb: number }> {
  const blob = await openAsBlob(path);
  const file = new File([blob], 'polygons-200k.geojson');
  const start = performance.now();
  const [outcome] = await readVector([file], { keepFeatures });
  const seconds = (performance.now() - start) / 1000;
  if (!outcome?.ok) throw new Error(`bench read failed: ${outcome ? outcome.error.code : 'no outcome'}`);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  return { seconds, features: outcome.layer.featureCount, peakMb };
}

/**
 * Measure the streamed parse + WKB/bbox conversion of a 200k-polygon GeoJSON. Rows-only runs first (its peak is
 * then its own); the full read (GeoJSON features kept for the map, the default) runs second. peak_mb is the
 * process's peak resident set size, Node and the reader included.
 */
export async function runVectorBench(): Promise<VectorBenchResult> {
  const path = await ensureBenchGeoJson();
  const fileMb = statSync(path).size / 1e6;
  const rowsOnly = await timedRead(path, false);
  const full = await timedRead(path, true);
  const result: VectorBenchResult = {
    file_mb: Number(fileMb.toFixed(1)),
    features: full.features,
    ours_s: Number(full.seconds.toFixed(2)),
    peak_mb: Math.round(full.peakMb),
    rows_only_s: Number(rowsOnly.seconds.toFixed(2)),
    rows_only_peak_mb: Math.round(rowsOnly.peakMb),
  };
  console.log(
    `bench vector_geojson_200k ours_s=${result.ours_s} peak_mb=${result.peak_mb} features=${result.features} file_mb=${result.file_mb}`,
  );
  console.log(
    `bench vector_geojson_200k_rows_only ours_s=${result.rows_only_s} peak_mb=${result.rows_only_peak_mb}`,
  );
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runVectorBench();
}
