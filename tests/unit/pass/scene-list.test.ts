import '../raster/geotiff-env.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSceneSet, sceneList } from '../../../scripts/pass-inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'scene-list-'));
mkdirSync(join(dir, 'a'));
mkdirSync(join(dir, 'b'));
for (const name of ['b-2.tif', 'a-1.TIFF', 'notes.txt']) writeFileSync(join(dir, 'a', name), 'x');
writeFileSync(join(dir, 'b', 'a-1.TIFF'), 'x');

describe('scene lists of a date', () => {
  it('takes every .tif/.tiff of a folder, sorted by name', () => {
    expect(sceneList(join(dir, 'a'), 'T1')).toEqual([join(dir, 'a', 'a-1.TIFF'), join(dir, 'a', 'b-2.tif')]);
    expect(isSceneSet(join(dir, 'a'))).toBe(true);
  });

  it('takes a comma list and an @list (comments, blank lines, paths relative to the list)', () => {
    const files = `${join(dir, 'a', 'b-2.tif')},${join(dir, 'a', 'a-1.TIFF')}`;
    expect(sceneList(files, 'T2')).toHaveLength(2);
    writeFileSync(join(dir, 'list.txt'), '# T1 scenes\n\na/b-2.tif\n  a/a-1.TIFF  \n');
    expect(sceneList(`@${join(dir, 'list.txt')}`, 'T1')).toEqual([
      join(dir, 'a', 'a-1.TIFF'),
      join(dir, 'a', 'b-2.tif'),
    ]);
    expect(isSceneSet(join(dir, 'a', 'b-2.tif'))).toBe(false);
  });

  it('says which scene is missing, which folder is empty, and which names clash', () => {
    expect(() => sceneList(join(dir, 'a', 'gone.tif'), 'T1')).toThrow(
      /--t1: the scene .*gone\.tif does not exist/,
    );
    expect(() => sceneList(`@${join(dir, 'nolist.txt')}`, 'T2')).toThrow(/--t2: the list file/);
    mkdirSync(join(dir, 'empty'));
    expect(() => sceneList(join(dir, 'empty'), 'T1')).toThrow(/holds no \.tif or \.tiff/);
    expect(() => sceneList(`${join(dir, 'a', 'a-1.TIFF')},${join(dir, 'b', 'a-1.TIFF')}`, 'T1')).toThrow(
      /two scenes are named a-1\.TIFF/,
    );
  });
});
