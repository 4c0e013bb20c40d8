import { describe, expect, it } from 'vitest';
import { addScene, type AddScenePorts } from '../../../src/app/add-scene.ts';
import type { SceneRecord } from '../../../src/state/scenes.svelte.ts';

interface FakeScene {
  record: SceneRecord;
  pixelM?: number;
}

/** A fake screen, OPFS folder and record store that log every call, in order. */
function fakePorts(options: { writeFails?: boolean; recordFails?: boolean; pixelM?: number } = {}) {
  const folder = new Map<string, Blob>();
  const records = new Map<string, SceneRecord>();
  const shown = new Set<string>();
  const log: string[] = [];
  const jobs: string[] = [];
  const warnings: string[] = [];
  const ports: AddScenePorts<FakeScene> = {
    async show(projectId, file, fileName, label, acquiredOn, placement) {
      // The scene list decides (by size and handle) whether the file is read in place; here: any handle.
      const inPlace = placement?.handle !== undefined;
      const record: SceneRecord = {
        schemaVersion: 2,
        id: 's1',
        projectId,
        label,
        fileName,
        opfsName: inPlace ? '' : 'scene-s1.tif',
        size: file.size,
        periodId: placement?.periodId ?? 'period-1',
        storage: inPlace ? 'in_place' : 'copied',
        acquiredOn: acquiredOn ?? null,
        sensor: 'unknown',
        bandRoles: ['red', 'green', 'blue'],
        addedAt: '2026-12-07T00:00:00Z',
      };
      shown.add(record.id);
      log.push('show');
      return { record, ...(options.pixelM === undefined ? {} : { pixelM: options.pixelM }) };
    },
    firstFrame: async () => log.push('frame'),
    startJob: (name) => ({
      done: () => jobs.push(`done ${name}`),
      fail: () => jobs.push(`failed ${name}`),
    }),
    async writeFile(_projectId, name, file) {
      log.push(`write ${name}`);
      if (options.writeFails) throw new Error('quota exceeded');
      folder.set(name, file);
    },
    async putRecord(record) {
      log.push('record');
      if (options.recordFails) throw new Error('transaction aborted');
      records.set(record.id, record);
    },
    async deleteFile(_projectId, name) {
      log.push(`delete ${name}`);
      folder.delete(name);
    },
    async remove(id) {
      log.push(`remove ${id}`);
      shown.delete(id);
      records.delete(id);
    },
    coarse: (pixelM, name) => warnings.push(`${name} ${pixelM}`),
  };
  return { ports, folder, records, shown, log, jobs, warnings };
}

const input = {
  projectId: 'p1',
  file: new Blob([new Uint8Array(8)]),
  fileName: 't1.tif',
  label: 'T1',
  acquiredOn: '2024-05-01',
};

describe('add a scene', () => {
  it('shows it, draws the first frame, copies the file, then writes the record', async () => {
    const fake = fakePorts();
    const scene = await addScene(input, fake.ports);
    expect(fake.log).toEqual(['show', 'frame', 'write scene-s1.tif', 'record']);
    expect(fake.folder.has('scene-s1.tif')).toBe(true);
    expect(fake.records.get('s1')).toEqual(scene.record);
    expect(scene.record.acquiredOn).toBe('2024-05-01');
    expect(fake.jobs).toEqual(['done t1.tif']);
  });

  it('removes the OPFS file and the scene when the record write fails', async () => {
    const fake = fakePorts({ recordFails: true });
    await expect(addScene(input, fake.ports)).rejects.toThrow('transaction aborted');
    expect(fake.folder.size).toBe(0);
    expect(fake.records.size).toBe(0);
    expect(fake.shown.size).toBe(0);
    expect(fake.log.slice(-2)).toEqual(['delete scene-s1.tif', 'remove s1']);
    expect(fake.jobs).toEqual(['failed t1.tif']);
  });

  it('writes no record and takes the scene off the map when the copy fails', async () => {
    const fake = fakePorts({ writeFails: true });
    await expect(addScene(input, fake.ports)).rejects.toThrow('quota');
    expect(fake.log).not.toContain('record');
    expect(fake.folder.size).toBe(0);
    expect(fake.shown.size).toBe(0);
  });

  it('reads a file with a handle in place: no copy, the record is the only write', async () => {
    const fake = fakePorts();
    const handle = {} as FileSystemFileHandle;
    const scene = await addScene({ ...input, placement: { handle, periodId: 'q4' } }, fake.ports);
    expect(fake.log).toEqual(['show', 'frame', 'record']);
    expect(fake.folder.size).toBe(0);
    expect(scene.record.storage).toBe('in_place');
    expect(fake.records.get('s1')?.periodId).toBe('q4');
  });

  it('a failed record of a scene read in place deletes no file and takes the scene off', async () => {
    const fake = fakePorts({ recordFails: true });
    await expect(
      addScene({ ...input, placement: { handle: {} as FileSystemFileHandle } }, fake.ports),
    ).rejects.toThrow('transaction aborted');
    expect(fake.log).toEqual(['show', 'frame', 'record', 'remove s1']);
    expect(fake.shown.size).toBe(0);
  });

  it('warns when the image is coarser than the 2 m of the rules, and still adds it', async () => {
    const coarse = fakePorts({ pixelM: 10 });
    await addScene(input, coarse.ports);
    expect(coarse.warnings).toEqual(['t1.tif 10']);
    expect(coarse.records.has('s1')).toBe(true);
    for (const pixelM of [0.5, 2]) {
      const fine = fakePorts({ pixelM });
      await addScene(input, fine.ports);
      expect(fine.warnings).toEqual([]);
    }
  });

  it('gives no warning for a scene that could not be added', async () => {
    const fake = fakePorts({ pixelM: 30, writeFails: true });
    await expect(addScene(input, fake.ports)).rejects.toThrow('quota');
    expect(fake.warnings).toEqual([]);
  });
});
