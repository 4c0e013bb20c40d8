/**
 * The case bundle carries the project's notebooks (notebooks/NN.rnb.json): written as the notebook's own
 * export, read back identical after verification (outputs kept, nothing run), and a damaged one refuses the
 * bundle in words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBundleToBytes, type BundleMeta } from '../../../src/io/zip-bundle.ts';
import { openBundle } from '../../../src/core/bundle/verify.ts';
import { bytesSource } from '../../../src/core/bundle/zip-index.ts';
import { BundleError, DEFAULT_LIMITS } from '../../../src/core/bundle/manifest.ts';
import { isNotebookPath, notebookPath, readBundleNotebooks } from '../../../src/core/bundle/notebooks.ts';
import { parseNotebookFile, serializeNotebook } from '../../../src/core/notebook/file.ts';
import { newNotebook } from '../../../src/core/notebook/model.ts';
import { SAMPLE_SETTINGS, sampleLedger } from '../../golden/sample-ledger.ts';

const META: BundleMeta = {
  appVersion: '0.1.0',
  created: new Date('2026-11-22T08:00:00Z'),
  creator: { actor: '李娜', device: 'laptop-li' },
  project: { id: 'p-beihai', name: '北海市2026年度红线监管', settings: SAMPLE_SETTINGS },
};
const starterText = readFileSync(
  join(import.meta.dirname, '../../../sample-data/beihai/starter-notebook.rnb.json'),
  'utf8',
);
const enc = (text: string) => new TextEncoder().encode(text);

describe('notebooks in a case bundle', () => {
  it('names entries notebooks/NN.rnb.json and recognises only those', () => {
    expect(notebookPath(0)).toBe('notebooks/01.rnb.json');
    expect(notebookPath(11)).toBe('notebooks/12.rnb.json');
    expect(isNotebookPath('notebooks/03.rnb.json')).toBe(true);
    expect(isNotebookPath('notebooks/x.json')).toBe(false);
    expect(isNotebookPath('runs.json')).toBe(false);
  });

  it('reads every notebook back as it was written, for the importing project', async () => {
    const starter = parseNotebookFile(starterText, 'p-beihai');
    const blank = newNotebook('nb-blank', 'p-beihai', '空白笔记本', '2026-11-20T08:00:00.000Z');
    const notebooks = [starter, blank];
    const { bytes } = await writeBundleToBytes(
      META,
      sampleLedger(),
      notebooks.map((nb, i) => ({
        path: notebookPath(i),
        title: nb.name,
        bytes: enc(serializeNotebook(nb)),
      })),
    );
    const opened = await openBundle(bytesSource(bytes), DEFAULT_LIMITS);
    expect(opened.entries.filter((e) => isNotebookPath(e.path)).map((e) => e.title)).toEqual([
      starter.name,
      '空白笔记本',
    ]);
    const back = await readBundleNotebooks(opened, 'p-other');
    expect(back.map((nb) => nb.projectId)).toEqual(['p-other', 'p-other']);
    expect(back.map((nb) => serializeNotebook(nb))).toEqual(notebooks.map((nb) => serializeNotebook(nb)));
    expect(back[0]?.cells.length).toBe(starter.cells.length);
  });

  it('refuses a bundle whose notebook entry is not a notebook', async () => {
    const { bytes } = await writeBundleToBytes(META, sampleLedger(), [
      { path: notebookPath(0), title: 'x', bytes: enc('{"format":"something-else"}') },
    ]);
    const opened = await openBundle(bytesSource(bytes), DEFAULT_LIMITS);
    const error = await readBundleNotebooks(opened, 'p').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe('bad_entry');
    expect((error as BundleError).userMessage('zh')).not.toBe('');
  });
});
