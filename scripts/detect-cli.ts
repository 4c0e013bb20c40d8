/**
 * Headless change detection:
 *   npx tsx scripts/detect-cli.ts --t1 A.tif --t2 B.tif [--redline R.geojson] [--reserve X.geojson]
 *     [--sensitivity 0..1] [--min-area M] [--bands 0,1,2,3] --out patches.geojson
 * Writes a GeoJSON FeatureCollection of patches (properties: score, direction, activity/problem types,
 * area) with the run's parameters in `params`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import { geotiffSource } from '../src/core/change/geotiff-source.ts';
import { detectChanges } from '../src/core/change/pipeline.ts';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function source(path: string) {
  const bytes = readFileSync(path);
  const tiff = await fromArrayBuffer(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  return geotiffSource(await tiff.getImage());
}

/** Polygons of a GeoJSON file (FeatureCollection, Feature or bare geometry). */
function areas(path: string | undefined): (Polygon | MultiPolygon)[] {
  if (!path) return [];
  const json = JSON.parse(readFileSync(path, 'utf8')) as {
    type: string;
    features?: { geometry: Geometry }[];
  };
  const geometries: Geometry[] =
    json.type === 'FeatureCollection'
      ? (json.features ?? []).map((f) => f.geometry)
      : json.type === 'Feature'
        ? [(json as unknown as { geometry: Geometry }).geometry]
        : [json as unknown as Geometry];
  return geometries.filter(
    (g): g is Polygon | MultiPolygon => g?.type === 'Polygon' || g?.type === 'MultiPolygon',
  );
}

async function main(): Promise<void> {
  const t1 = arg('t1');
  const t2 = arg('t2');
  const out = arg('out');
  if (!t1 || !t2 || !out)
    throw new Error('usage: detect-cli --t1 A.tif --t2 B.tif [--redline R] [--reserve X] --out P');
  const bands = (arg('bands') ?? '0,1,2,3').split(',').map(Number);
  const sensitivity = arg('sensitivity');
  const minArea = arg('min-area');
  const started = performance.now();
  const result = await detectChanges(
    await source(t1),
    await source(t2),
    {
      bands1: bands,
      bands2: bands,
      include: areas(arg('redline')),
      exclude: areas(arg('reserve')),
      sensitivity: sensitivity ? Number(sensitivity) : null,
      ...(minArea ? { minAreaM2: Number(minArea) } : {}),
    },
    (share, message) => process.stderr.write(`\r${message} ${(share * 100).toFixed(0)}%   `),
  );
  const collection: FeatureCollection & { params: Record<string, unknown> } = {
    type: 'FeatureCollection',
    params: result.params,
    features: result.patches.map(({ geometry, ...properties }) => ({
      type: 'Feature',
      geometry,
      properties,
    })),
  };
  writeFileSync(out, JSON.stringify(collection));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`\n${result.patches.length} patches → ${out} (${seconds} s)\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
