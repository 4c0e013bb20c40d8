import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocatePatchIds,
  formatPatchId,
  highestIssued,
  parsePatchId,
  PatchIdError,
} from '../../../src/core/geo/patch-id.ts';

describe('patch ids', () => {
  it('formats and parses <county>-<year>-<4 digits>', () => {
    expect(formatPatchId('450521', 2026, 7)).toBe('450521-2026-0007');
    expect(parsePatchId('450521-2026-0007')).toEqual({ countyCode: '450521', year: 2026, sequence: 7 });
    expect(parsePatchId('450521-2026-0000')).toBeNull();
    expect(parsePatchId('P17')).toBeNull();
    expect(() => formatPatchId('4505', 2026, 1)).toThrow(PatchIdError);
    expect(() => formatPatchId('450521', 2026, 10_000)).toThrow(PatchIdError);
  });

  it('continues after the highest sequence ever issued, per county and year, without mutating input', () => {
    const issued = { '450521-2026': 6, '450521-2025': 40 };
    const frozen = Object.freeze({ ...issued });
    const { ids, issued: next } = allocatePatchIds(['450521', '450502', '450521'], 2026, frozen);
    expect(ids).toEqual(['450521-2026-0007', '450502-2026-0001', '450521-2026-0008']);
    expect(next).toEqual({ '450521-2026': 8, '450521-2025': 40, '450502-2026': 1 });
    expect(frozen).toEqual(issued);
  });

  it('never reuses the id of a rejected or deleted patch', () => {
    // Ids 1–5 were issued; 5 was rejected and 3 deleted: the marks still come from every id ever issued.
    const everIssued = [
      '450521-2026-0001',
      '450521-2026-0002',
      '450521-2026-0003',
      '450521-2026-0004',
      '450521-2026-0005',
    ];
    const { ids } = allocatePatchIds(['450521'], 2026, highestIssued(everIssued));
    expect(ids).toEqual(['450521-2026-0006']);
  });

  it('gives unique ids across repeated batches (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('450521', '450502', '320115'), { maxLength: 30 }), {
          maxLength: 8,
        }),
        (batches) => {
          let issued: Record<string, number> = {};
          const seen = new Set<string>();
          for (const batch of batches) {
            const result = allocatePatchIds(batch, 2026, issued);
            for (const id of result.ids) {
              expect(seen.has(id)).toBe(false);
              seen.add(id);
            }
            issued = result.issued;
          }
          expect(highestIssued(seen)).toEqual(issued);
        },
      ),
      { numRuns: 100, seed: 6 },
    );
  });

  it('refuses to go past 9999', () => {
    expect(() => allocatePatchIds(['450521'], 2026, { '450521-2026': 9999 })).toThrow(PatchIdError);
  });
});
