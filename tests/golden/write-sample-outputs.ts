/**
 * Write the annex lists and letters of the sample ledger to a folder (default test-results/annex-out):
 * used by scripts/render-annexes.sh to make PDFs and PNGs a person can look at. Also one verification sheet
 * (图斑核查单) of the sample's aquaculture case, as if a detection run had found it. Also writes the sample as a
 * case bundle, sample-bundle.zip (try `npx tsx scripts/bundle.ts verify <out>/sample-bundle.zip`).
 *   npx tsx tests/golden/write-sample-outputs.ts [out-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annexFiles, writeBundleToBytes } from '../../src/io/zip-bundle.ts';
import { SAMPLE_CATALOG, SAMPLE_LETTER_DATE, SAMPLE_SETTINGS, sampleLedger } from './sample-ledger.ts';
import { foldLedger, groupByCase } from '../../src/core/case/ledger.ts';
import { writeVerificationSheetDocx } from '../../src/io/verification-sheet.ts';

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
// A verification sheet for the sample's aquaculture case (0002), as if detected by a run: section 五 in words.
const folds = foldLedger(events);
const byCase = groupByCase(events);
const pond = [...folds.values()].find((f) => f.state?.patch.activityType === 'aquaculture')?.state;
if (pond) {
  const c = pond.patch;
  const d = 0.002;
  const state = {
    ...pond,
    patch: {
      ...c,
      runId: 'run-20260402091500-a1b2',
      changeDirection: 'new_bare_built',
      score: 3.21,
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [c.cx - d, c.cy - d],
            [c.cx + d, c.cy - d],
            [c.cx + d, c.cy + d],
            [c.cx - d, c.cy + d],
            [c.cx - d, c.cy - d],
          ],
        ],
      },
    },
  };
  const sheet = await writeVerificationSheetDocx({
    state,
    events: byCase.get(pond.id) ?? [],
    catalog: SAMPLE_CATALOG,
    areaDecimals: SAMPLE_SETTINGS.areaDecimals,
    projectName: '北海市生态保护红线监管（样例）',
    date: SAMPLE_LETTER_DATE,
    chips: [],
    overlaps: null,
    run: {
      id: 'run-20260402091500-a1b2',
      startedAt: '2026-04-02T09:15:00.000Z',
      t1: { label: 'T1', acquiredOn: '2016-12-09', sensor: 'Sentinel-2', bands: ['blue', 'green', 'red', 'nir'] },
      t2: { label: 'T2', acquiredOn: '2018-03-09', sensor: 'Sentinel-2', bands: ['blue', 'green', 'red', 'nir'] },
      minAreaM2: 3000,
      sensitivity: null,
    },
    photos: [],
  });
  writeFileSync(join(out, `sheet-${pond.id}.docx`), sheet);
  console.log(`sheet-${pond.id}.docx\t${sheet.length} bytes`);
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
