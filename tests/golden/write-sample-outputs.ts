/**
 * Write the annex lists and letters of the sample ledger to a folder (default test-results/annex-out):
 * used by scripts/render-annexes.sh to make PDFs and PNGs a person can look at. Also writes the sample as a
 * case bundle, sample-bundle.zip (try `npx tsx scripts/bundle.ts verify <out>/sample-bundle.zip`).
 *   npx tsx tests/golden/write-sample-outputs.ts [out-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annexFiles, writeBundleToBytes } from '../../src/io/zip-bundle.ts';
import { SAMPLE_CATALOG, SAMPLE_LETTER_DATE, SAMPLE_SETTINGS, sampleLedger } from './sample-ledger.ts';

const out = process.argv[2] ?? 'test-results/annex-out';
mkdirSync(out, { recursive: true });
const events = sampleLedger();
const files = await annexFiles(events, SAMPLE_SETTINGS, SAMPLE_CATALOG, SAMPLE_LETTER_DATE);
for (const file of files) {
  const bytes = typeof file.bytes === 'function' ? await file.bytes() : file.bytes;
  const name = file.path.replace(/\//g, '-');
  writeFileSync(join(out, name), bytes);
  console.log(`${name}\t${bytes.length} bytes\t${file.title ?? ''}`);
}
const { bytes } = await writeBundleToBytes(
  {
    appVersion: '0.1.0',
    created: new Date(`${SAMPLE_LETTER_DATE}T08:00:00Z`),
    creator: { actor: '李娜', device: 'laptop-li' },
    project: { id: 'sample-beihai', name: '北海市生态保护红线监管（样例）', settings: SAMPLE_SETTINGS },
  },
  events,
  files,
);
writeFileSync(join(out, 'sample-bundle.zip'), bytes);
console.log(`sample-bundle.zip\t${bytes.length} bytes`);
