import { describe, expect, it } from 'vitest';
import { removeLayer, type RemoveLayerPorts } from '../../../src/app/remove-layer.ts';

const LAYER = { id: 'l1', projectId: 'p1', opfsName: 'layer-l1.arrow' };

/** A fake record store, DuckDB, OPFS folder and screen, each holding the layer until removed. */
function fakePage(fails: 'record' | 'rows' | 'file' | null = null) {
  const page = { record: true, rows: true, file: true, shown: true, log: [] as string[] };
  const step = (name: 'record' | 'rows' | 'file') => async () => {
    page.log.push(name);
    if (fails === name) throw new Error(`${name} delete failed`);
    page[name] = false;
  };
  const ports: RemoveLayerPorts = {
    deleteRecord: step('record'),
    deleteRows: step('rows'),
    deleteFile: step('file'),
    unmount: () => {
      page.log.push('unmount');
      page.shown = false;
    },
  };
  return { page, ports };
}

describe('removeLayer', () => {
  it('deletes the record, then the rows and the file, then takes the layer off the screen', async () => {
    const { page, ports } = fakePage();
    await removeLayer(LAYER, ports);
    expect(page.log).toEqual(['record', 'rows', 'file', 'unmount']);
    expect(page).toMatchObject({ record: false, rows: false, file: false, shown: false });
  });

  it('the record delete failing: nothing changes, the layer stays on screen', async () => {
    const { page, ports } = fakePage('record');
    await expect(removeLayer(LAYER, ports)).rejects.toThrow('record delete failed');
    expect(page).toMatchObject({ record: true, rows: true, file: true, shown: true });
  });

  it('a later delete failing: the record is gone, so the layer leaves the screen and the error is reported', async () => {
    const { page, ports } = fakePage('rows');
    await expect(removeLayer(LAYER, ports)).rejects.toThrow('rows delete failed');
    expect(page).toMatchObject({ record: false, shown: false });
    expect(page.log).toEqual(['record', 'rows', 'unmount']);
  });
});
