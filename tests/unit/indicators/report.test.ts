import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { IndicatorRow } from '../../../src/core/indicators/indicators.ts';
import { formatIndicator, indicatorColumns } from '../../../src/core/indicators/columns.ts';
import { methodNotes, seasonNote, seasonOf } from '../../../src/core/indicators/notes.ts';
import { isAssessmentReport, type AssessmentReport } from '../../../src/core/indicators/report.ts';
import { assessmentWorkbook } from '../../../src/io/xlsx-indicators.ts';

function row(zone: number, name: string, redlineHa: number, mining: number): IndicatorRow {
  return {
    zone,
    code: zone ? `45050${zone}` : '',
    name,
    countyHa: 1000,
    redlineHa,
    redlineRatioPct: redlineHa / 10,
    baselineHa: null,
    changeHa: null,
    changePct: null,
    activityHa: { mining },
    activityTotalHa: mining,
    activitySharePct: (mining / redlineHa) * 100,
    patchCount: 1,
    naturalHa: null,
    naturalRatioPct: null,
    fvcT1: 0.5,
    fvcT2: 0.48,
    fvcChange: -0.02,
    areaKept: null,
    functionKept: false,
  };
}

const summary = (mean: number) => ({
  soilPercent: 5,
  vegPercent: 95,
  ndviSoil: 0.0647,
  ndviVeg: 0.8123,
  meanFvc: mean,
  zoneMeanFvc: [mean],
  pixels: 1234,
  zonePixels: [1234],
});

const report: AssessmentReport = {
  version: 1,
  computedAt: '2026-01-02T03:04:05.000Z',
  table: { rows: [row(1, '海城区', 200, 5)], total: { ...row(0, '合计', 200, 5), countyHa: 1000 } },
  counties: [{ code: '450501', name: '海城区' }],
  fvc: {
    t1: {
      sceneId: 's1',
      label: 'T1',
      date: '2016-12-09',
      summary: summary(0.5),
      width: 10,
      height: 10,
      crs: 'EPSG:4326',
      seconds: 1,
    },
    t2: {
      sceneId: 's2',
      label: 'T2',
      date: '2018-03-09',
      summary: summary(0.48),
      width: 10,
      height: 10,
      crs: 'EPSG:4326',
      seconds: 1,
    },
  },
  landCover: null,
  inputs: {
    redlines: [{ id: 'L1', name: '示例红线', features: 26 }],
    baseline: null,
    counties: [{ id: 'L3', name: '县级区划', features: 4 }],
    patches: { rule: 'not_rejected', count: 1 },
  },
};

describe('indicator columns, notes and the XLSX sheet', () => {
  it('shows optional columns only when some row has a value, activity types in catalog order', () => {
    const keys = indicatorColumns(report.table).map((c) => c.key);
    expect(keys).toContain('activity:mining');
    expect(keys).toContain('fvcChange');
    expect(keys).not.toContain('baselineHa');
    expect(keys).not.toContain('naturalRatioPct');
    const fvc = indicatorColumns(report.table).find((c) => c.key === 'functionKept')!;
    expect(formatIndicator(fvc, report.table.rows[0]!)).toBe('✗');
    expect(isAssessmentReport(report)).toBe(true);
    expect(isAssessmentReport({ version: 2 })).toBe(false);
  });

  it('writes the FVC end members and inputs into the method notes', () => {
    const zh = methodNotes(report, 'zh');
    // December → March: the seasons differ, so a note says so beside the ✗.
    expect(zh.map((n) => n.id)).toEqual(['area', 'nature', 'fvc', 'season', 'inputs']);
    const fvc = zh.find((n) => n.id === 'fvc')!;
    expect(fvc.formula).toContain('FVC = clip((NDVI − NDVI_soil)/(NDVI_veg − NDVI_soil), 0, 1)');
    expect(fvc.detail).toContain('NDVI_soil = P5 = 0.0647');
    expect(fvc.detail).toContain('2018-03-09');
    expect(methodNotes(report, 'en').find((n) => n.id === 'inputs')!.detail).toContain('示例红线 (26)');
  });

  it('writes numbers as numbers, the total row and the notes', async () => {
    const bytes = await assessmentWorkbook(report, 'zh', '保护成效评估');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = book.getWorksheet('保护成效评估')!;
    expect(sheet.getCell(1, 1).value).toBe('保护成效评估');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header).toContain('红线面积（公顷）');
    const col = header.indexOf('红线面积（公顷）') + 1;
    expect(sheet.getCell(3, col).value).toBe(200);
    expect(sheet.getCell(4, 2).value).toBe('合计');
    expect(String(sheet.getCell(6, 1).value)).toContain('面积不减少');
  });
});

describe('ΔFVC across seasons', () => {
  const withDates = (d1: string | null, d2: string | null): AssessmentReport => ({
    ...report,
    fvc: { t1: { ...report.fvc!.t1!, date: d1 }, t2: { ...report.fvc!.t2!, date: d2 } },
  });

  it('names the season of a date', () => {
    expect(['2016-12-09', '2018-03-09', '2020-07-01', '2020-10-31', '2021-02-28'].map(seasonOf)).toEqual([
      'winter',
      'spring',
      'summer',
      'autumn',
      'winter',
    ]);
    expect(seasonOf(null)).toBeNull();
    expect(seasonOf('sometime')).toBeNull();
  });

  it('notes December vs March in both languages, and says nothing for the same season', () => {
    const zh = seasonNote(withDates('2016-12-09', '2018-03-09'), 'zh');
    expect(zh?.detail).toContain('冬季');
    expect(zh?.detail).toContain('春季');
    expect(zh?.detail).toContain('同一季节');
    expect(seasonNote(withDates('2016-12-09', '2018-03-09'), 'en')?.detail).toContain('winter');
    expect(seasonNote(withDates('2017-03-20', '2018-04-02'), 'zh')).toBeNull();
    expect(methodNotes(withDates('2017-03-20', '2018-04-02'), 'zh').map((n) => n.id)).not.toContain('season');
  });

  it('says a season cannot be checked when a date is unknown', () => {
    const note = seasonNote(withDates(null, '2018-03-09'), 'zh');
    expect(note?.title).toBe('季相未知');
    expect(note?.detail).toContain('T1');
  });
});
