/**
 * Golden files: the lists and letters of the fixed sample ledger, read back (exceljs for XLSX, the parsed
 * `word/document.xml` for DOCX, the text for CSV) and compared cell by cell / paragraph by paragraph with the
 * reviewed files in tests/golden/. After a deliberate change: `UPDATE_GOLDEN=1 npx vitest run tests/unit/exports`,
 * then review the diff of tests/golden/ before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { annexFiles, type BundleFile } from '../../../src/io/zip-bundle.ts';
import {
  SAMPLE_CATALOG,
  SAMPLE_LETTER_DATE,
  SAMPLE_SETTINGS,
  sampleLedger,
} from '../../golden/sample-ledger.ts';
import { docxBlocks, xlsxSnapshot } from './snapshots.ts';

const GOLDEN = join(import.meta.dirname, '../../golden');
const update = process.env.UPDATE_GOLDEN === '1';

let files: BundleFile[] = [];
const bytesOf = async (f: BundleFile) => (typeof f.bytes === 'function' ? f.bytes() : f.bytes);

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (update || !existsSync(path)) {
    if (!update) throw new Error(`missing golden file ${name}: run with UPDATE_GOLDEN=1 and review it`);
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (name.endsWith('.json')) expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
  else expect(actual).toBe(expected);
}

beforeAll(async () => {
  files = await annexFiles(sampleLedger(), SAMPLE_SETTINGS, SAMPLE_CATALOG, SAMPLE_LETTER_DATE);
});

describe('golden files of the sample ledger', () => {
  it('produces the expected set of lists and letters', () => {
    expect(files.map((f) => f.path)).toEqual([
      'lists/annex1-01.xlsx',
      'lists/annex1-01.csv',
      'lists/annex2-01.xlsx',
      'lists/annex2-01.csv',
      'lists/annex4-01.xlsx',
      'lists/annex4-01.csv',
      'lists/annex1-02.xlsx',
      'lists/annex1-02.csv',
      'lists/annex2-02.xlsx',
      'lists/annex2-02.csv',
      'lists/annex4-02.xlsx',
      'lists/annex4-02.csv',
      'letters/annex3-01.docx',
      'letters/annex3-02.docx',
      'letters/annex5-agriculture.docx',
      'letters/annex5-natural_resources.docx',
    ]);
  });

  it('XLSX lists match cell by cell', async () => {
    for (const f of files.filter((x) => x.path.endsWith('.xlsx'))) {
      const snap = await xlsxSnapshot(await bytesOf(f));
      golden(`${f.path.replace('/', '-')}.json`, JSON.stringify(snap, null, 1) + '\n');
    }
  });

  it('CSV lists match byte for byte (UTF-8 with BOM, CRLF)', async () => {
    for (const f of files.filter((x) => x.path.endsWith('.csv'))) {
      const bytes = await bytesOf(f);
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      golden(f.path.replace('/', '-'), new TextDecoder().decode(bytes));
    }
  });

  it('DOCX letters match paragraph by paragraph', async () => {
    for (const f of files.filter((x) => x.path.endsWith('.docx'))) {
      const { blocks } = docxBlocks(await bytesOf(f));
      golden(`${f.path.replace('/', '-')}.json`, JSON.stringify(blocks, null, 1) + '\n');
    }
  });
});
