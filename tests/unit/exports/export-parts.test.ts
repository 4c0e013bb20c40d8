// The pieces split out of the export worker: file naming, the stored-layer reader (Arrow or older GeoJSON),
// zip chunk folding and the stored zip of sheets.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  bundleFileName,
  featureName,
  safeName,
  sheetFileName,
  sheetsZipName,
} from '../../../src/io/export-naming.ts';
import { storedLayerFeatures } from '../../../src/io/stored-layer-read.ts';
import { ChunkFolder, storedZip } from '../../../src/io/zip-fold.ts';
import { runRecords } from '../../../src/io/bundle-summary.ts';

describe('export naming', () => {
  it('replaces characters file systems refuse, keeping Chinese', () => {
    expect(safeName('附件1 红线/问题:清单?')).toBe('附件1_红线_问题_清单_');
    expect(sheetFileName('RL-450521-2026-0001')).toBe('图斑核查单_RL-450521-2026-0001.docx');
    expect(sheetsZipName(3, '2026-12-07')).toBe('图斑核查单_3份_2026-12-07.zip');
    expect(bundleFileName('合浦 试点', '2026-12-07')).toBe('案卷包_合浦_试点_2026-12-07.zip');
  });

  it('names a feature by a name-like field, else by its number', () => {
    expect(featureName({ HXMC: '山口红树林' }, 0)).toBe('山口红树林');
    expect(featureName({ area: 3 }, 4)).toBe('#5');
    expect(featureName(null, 0)).toBe('#1');
  });
});

describe('stored layer reader', () => {
  it('reads a layer kept as normalised GeoJSON', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [1, 2] } },
      ],
    };
    const features = await storedLayerFeatures(new Blob([JSON.stringify(geojson)]));
    expect(features).toHaveLength(1);
    expect(features[0]?.properties.name).toBe('a');
  });

  it('refuses bytes that are neither Arrow nor JSON', async () => {
    await expect(storedLayerFeatures(new Blob(['not a layer']))).rejects.toThrow();
  });
});

describe('zip folding', () => {
  it('folds chunks into Blobs past the threshold and keeps every byte in order', async () => {
    const folder = new ChunkFolder(4);
    for (const chunk of [[1, 2], [3, 4, 5], [6], [7, 8, 9, 10, 11]]) folder.push(new Uint8Array(chunk));
    expect(folder.folds).toBe(2);
    const blob = folder.finish('application/zip');
    expect(blob.type).toBe('application/zip');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('stores files in one zip under their names', async () => {
    const bytes = await storedZip([
      { name: 'a.docx', blob: new Blob(['first']) },
      { name: 'b.docx', blob: new Blob(['second']) },
    ]);
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toEqual(['a.docx', 'b.docx']);
    expect(new TextDecoder().decode(entries['b.docx'])).toBe('second');
  });
});

describe('bundle summary', () => {
  it('keeps only object run records', () => {
    expect(runRecords([{ id: 'run-1' }, 3, null, 'x'])).toEqual([{ id: 'run-1' }]);
    expect(runRecords({ id: 'run-1' })).toEqual([]);
  });
});
