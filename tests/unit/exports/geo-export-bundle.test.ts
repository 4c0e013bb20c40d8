/**
 * A bundle as the export worker writes it (lists, letters, patches.geojson, reference layers as GeoParquet under
 * `layers/<kind>-NN.parquet`, chips): verified, its layers read back with their kind and name, and its events
 * planned into an empty project (same ledger) and then again (nothing added).
 */
import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { annexFiles, writeBundleToBytes, type BundleFile } from '../../../src/io/zip-bundle.ts';
import {
  casesInScope,
  casesToGeoJson,
  featuresToGeoParquet,
  geoJsonBytes,
} from '../../../src/io/geo-export.ts';
import { readParquet } from '../../../src/io/parquet-read.ts';
import { sourceFromBytes } from '../../../src/io/vector-source.ts';
import { openBundle } from '../../../src/core/bundle/verify.ts';
import { bytesSource } from '../../../src/core/bundle/zip-index.ts';
import { planBundleImport, readBundleContents } from '../../../src/core/bundle/contents.ts';
import { caseStates, foldLedger } from '../../../src/core/case/ledger.ts';
import { bundleLayerPath, kindOfLayerPath, type ExportLayer } from '../../../workers/export-api.ts';
import {
  SAMPLE_CATALOG,
  SAMPLE_LETTER_DATE,
  SAMPLE_SETTINGS,
  sampleLedger,
} from '../../golden/sample-ledger.ts';

const square = (x: number, y: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});
const layer = (name: string, n: number): Feature<Polygon>[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    geometry: square(109 + i * 0.02, 21.5),
    properties: { name: `${name}-${i + 1}`, area: i + 0.5 },
  }));

describe('case bundle with reference layers', () => {
  it('carries layers with kind and name, and imports into an empty project as the same ledger, once', async () => {
    const events = sampleLedger();
    const layers: { kind: ExportLayer['kind']; name: string; features: Feature<Polygon>[] }[] = [
      { kind: 'redline', name: '示例生态保护红线', features: layer('红线', 3) },
      { kind: 'reserve', name: '示例自然保护地', features: layer('保护地', 1) },
      { kind: 'admin', name: '县级区划', features: layer('县', 2) },
    ];
    const files: BundleFile[] = [
      ...(await annexFiles(events, SAMPLE_SETTINGS, SAMPLE_CATALOG, SAMPLE_LETTER_DATE)),
      {
        path: 'patches.geojson',
        bytes: geoJsonBytes(
          casesToGeoJson(casesInScope(caseStates(events), 'patches'), SAMPLE_SETTINGS, SAMPLE_CATALOG),
        ),
      },
      ...layers.map((l, i) => ({
        path: bundleLayerPath(l.kind, i),
        title: l.name,
        bytes: featuresToGeoParquet(l.features),
      })),
    ];
    const { bytes } = await writeBundleToBytes(
      {
        appVersion: '0.1.0',
        created: new Date('2026-11-22T08:00:00Z'),
        creator: { actor: '李四', device: 'laptop-a' },
        project: { id: 'p-a', name: '北海', settings: SAMPLE_SETTINGS },
      },
      events,
      files,
    );
    const opened = await openBundle(bytesSource(bytes));

    const carried = opened.entries.flatMap((e) => {
      const kind = kindOfLayerPath(e.path);
      return kind ? [{ kind, name: e.title, path: e.path }] : [];
    });
    expect(carried.map((c) => [c.kind, c.name])).toEqual(layers.map((l) => [l.kind, l.name]));
    for (const [i, c] of carried.entries()) {
      const read = await readParquet(sourceFromBytes(c.path, await opened.read(c.path)));
      expect(read.features?.map((f) => f.properties?.name)).toEqual(
        layers[i]?.features.map((f) => f.properties?.name),
      );
    }
    expect(kindOfLayerPath('layers/../x.parquet')).toBeNull();
    expect(kindOfLayerPath('layers/bogus-01.parquet')).toBeNull();

    const contents = await readBundleContents(opened);
    expect(contents.project.settings).toEqual(SAMPLE_SETTINGS);
    const first = planBundleImport([], contents, 'p-new');
    expect(first.sameProject).toBe(false);
    expect(first.added).toHaveLength(events.length);
    expect(foldLedger(first.merged)).toEqual(foldLedger(events));
    const again = planBundleImport(first.merged, contents, 'p-new');
    expect([again.added.length, again.alreadyPresent, again.conflicts.length]).toEqual([0, events.length, 0]);
  });
});
