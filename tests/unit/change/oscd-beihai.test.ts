import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = '/work/shared/data/oscd/beihai';

// geotiff cannot be imported inside vitest's worker threads: the pipeline runs in a child tsx process.
describe.skipIf(!existsSync(DIR))('change pipeline on OSCD beihai', () => {
  it('reaches a minimum pixel F1 against the truth mask', { timeout: 120_000 }, () => {
    const output = execFileSync(
      'npx',
      [
        'tsx',
        'scripts/eval-cli.ts',
        '--t1',
        `${DIR}/t1.tif`,
        '--t2',
        `${DIR}/t2.tif`,
        '--truth',
        `${DIR}/truth.tif`,
      ],
      { encoding: 'utf8', timeout: 115_000 },
    );
    const lines = output.trim().split('\n');
    for (const key of ['pixel_precision', 'pixel_recall', 'pixel_f1', 'object_precision', 'object_recall']) {
      expect(lines.some((line) => line.startsWith(`${key}=`))).toBe(true);
    }
    const f1 = Number(/^f1=([\d.]+)$/m.exec(output)?.[1]);
    expect(f1).toBeGreaterThanOrEqual(0.38);
  });
});
