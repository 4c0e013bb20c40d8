import { describe, expect, it } from 'vitest';
import { confirmLayer, type LayerImportPorts } from '../../../src/app/import-layer.ts';
import type { LayerRecord, PendingLayer } from '../../../src/state/layers.svelte.ts';

const record: LayerRecord = {
  schemaVersion: 1,
  id: 'L1',
  projectId: 'p1',
  kind: 'other',
  name: 'hongxian',
  sourceFile: 'hongxian.shp',
  crs: 'EPSG:4490',
  crsName: 'CGCS2000',
  featureCount: 2,
  bbox: [109, 21, 110, 22],
  fields: [],
  warnings: [],
  visible: true,
  opfsName: 'layer-L1.arrow',
  addedAt: '2026-12-07T00:00:00Z',
};

/** The queue, stores, DuckDB and map as records of what was written where; `fails` names the step that throws. */
function fakePage(fails?: 'writeFile' | 'mount' | 'putRecord') {
  const pending = {
    record,
    result: { ipc: new Uint8Array([1, 2, 3]), layerId: 'L1' },
  } as unknown as PendingLayer;
  const page = {
    queue: [pending] as PendingLayer[],
    opfs: new Set<string>(),
    duck: new Set<string>(),
    idb: new Map<string, LayerRecord>(),
    listed: new Set<string>(),
    framed: 0,
    log: [] as string[],
  };
  const step = (name: typeof fails): void => {
    page.log.push(name ?? '');
    if (name === fails) throw new Error(`${name} failed`);
  };
  const ports: LayerImportPorts = {
    pending: () => page.queue[0] ?? null,
    frame: () => (page.framed += 1),
    writeFile: async (_p, name) => {
      step('writeFile');
      page.opfs.add(name);
    },
    mount: async (r) => {
      step('mount');
      page.duck.add(r.id);
      page.listed.add(r.id);
    },
    putRecord: async (r) => {
      step('putRecord');
      page.idb.set(r.id, r);
    },
    deleteRows: async (id) => page.duck.delete(id),
    deleteFile: async (_p, name) => page.opfs.delete(name),
    unmount: (id) => page.listed.delete(id),
    next: () => page.queue.shift(),
  };
  return { page, ports };
}

describe('confirmLayer', () => {
  it('writes the file, then the rows, then the record, under the chosen kind and name', async () => {
    const { page, ports } = fakePage();
    const stored = await confirmLayer(ports, 'redline', ' 生态保护红线 ');
    expect(stored).toMatchObject({ kind: 'redline', name: '生态保护红线' });
    expect(page.log).toEqual(['writeFile', 'mount', 'putRecord']);
    expect(page.idb.get('L1')?.kind).toBe('redline');
    expect(page.framed).toBe(1);
    expect(page.queue).toHaveLength(0);
  });

  it('keeps the read name when the chosen one is blank', async () => {
    const { ports } = fakePage();
    expect((await confirmLayer(ports, 'reserve', '  ')).name).toBe('hongxian');
  });

  for (const step of ['writeFile', 'mount', 'putRecord'] as const) {
    it(`leaves no trace when ${step} fails, and moves on to the next layer`, async () => {
      const { page, ports } = fakePage(step);
      await expect(confirmLayer(ports, 'redline', 'x')).rejects.toThrow(`${step} failed`);
      expect(page.opfs.size).toBe(0);
      expect(page.duck.size).toBe(0);
      expect(page.idb.size).toBe(0);
      expect(page.listed.size).toBe(0);
      expect(page.queue).toHaveLength(0);
    });
  }

  it('refuses when nothing waits for confirmation', async () => {
    const { page, ports } = fakePage();
    page.queue.length = 0;
    await expect(confirmLayer(ports, 'redline', 'x')).rejects.toThrow(/no layer waiting/);
    expect(page.log).toEqual([]);
  });
});
