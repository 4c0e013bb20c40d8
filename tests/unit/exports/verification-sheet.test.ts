/**
 * 图斑核查单: overlap areas, chip geometry (projection, scale bar), vertex lists, review rows, and the DOCX read
 * back from its XML (text of every section, pictures embedded).
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { strFromU8, unzipSync, zlibSync } from 'fflate';
import {
  chipProjection,
  chipScaleBar,
  outlineVertices,
  patchOverlaps,
  type OverlapLayer,
} from '../../../src/io/geo-export.ts';
import {
  changeDirectionText,
  reviewRows,
  sheetFields,
  writeVerificationSheetDocx,
  type SheetImage,
  type SheetInput,
} from '../../../src/io/verification-sheet.ts';
import { crc32 } from '../../../src/core/bundle/digest.ts';
import { geodesicAreaM2, M2_PER_HA } from '../../../src/core/geo/area.ts';
import { foldLedger, groupByCase } from '../../../src/core/case/ledger.ts';
import type { CaseState, LedgerEvent } from '../../../src/core/model.ts';
import { SAMPLE_CATALOG, sampleLedger } from '../../golden/sample-ledger.ts';
import { docxBlocks, type DocxBlock } from './snapshots.ts';

const rect = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

/** A valid 8-bit RGB PNG of one colour (the writer must embed real pictures). */
function png(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const h = new DataView(ihdr.buffer);
  h.setUint32(0, width);
  h.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) raw.set(rgb, y * (width * 3 + 1) + 1 + x * 3);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return bytes;
}

const PATCH = rect(109.7, 21.58, 109.71, 21.59);
const PATCH_HA = geodesicAreaM2(PATCH) / M2_PER_HA;

describe('overlaps of a patch with the reference layers', () => {
  const layers: OverlapLayer[] = [
    // Covers the west half of the patch, and a feature far away.
    {
      kind: 'redline',
      name: '红线',
      features: [
        { name: '北海红线-1', geometry: rect(109.69, 21.57, 109.705, 21.6) },
        { name: '远处', geometry: rect(110, 22, 110.1, 22.1) },
      ],
    },
    // Contains the whole patch.
    {
      kind: 'reserve',
      name: '保护地',
      features: [{ name: '山口红树林', geometry: rect(109.6, 21.5, 109.8, 21.7) }],
    },
    // Two counties split the patch at 109.703.
    {
      kind: 'admin',
      name: '县界',
      features: [
        { name: '合浦县', geometry: rect(109.6, 21.5, 109.703, 21.7) },
        { name: '铁山港区', geometry: rect(109.703, 21.5, 109.8, 21.7) },
      ],
    },
  ];

  it('gives the area inside each feature met, grouped by kind, largest first', () => {
    const rows = patchOverlaps(PATCH, layers);
    expect(rows.map((r) => [r.kind, r.name])).toEqual([
      ['redline', '北海红线-1'],
      ['reserve', '山口红树林'],
      ['admin', '铁山港区'],
      ['admin', '合浦县'],
    ]);
    const [red, reserve, east, west] = rows.map((r) => r.ha);
    expect(red).toBeCloseTo(PATCH_HA / 2, 1);
    expect(reserve).toBeCloseTo(PATCH_HA, 6);
    expect((east ?? 0) + (west ?? 0)).toBeCloseTo(PATCH_HA, 3);
    expect(west).toBeCloseTo(PATCH_HA * 0.3, 1);
  });

  it('gives nothing for layers the patch does not meet', () => {
    expect(patchOverlaps(rect(120, 30, 120.01, 30.01), layers)).toEqual([]);
  });
});

describe('chip geometry', () => {
  it('projects the box corners onto the chip corners', () => {
    const to = chipProjection([109, 21, 109.02, 21.01], 400, 200);
    expect(to([109, 21.01])).toEqual([0, 0]);
    expect(to([109.02, 21])).toEqual([400, 200]);
    const [x, y] = to([109.01, 21.005]);
    expect(x).toBeCloseTo(200, 6);
    expect(y).toBeCloseTo(100, 6);
  });

  it('picks a 1-2-5 scale bar no longer than the share asked, at the chip’s latitude', () => {
    const box: [number, number, number, number] = [109.7, 21.5, 109.71, 21.51];
    // 0.01° of longitude at 21.505° N on the ellipsoid ≈ 1036.9 m.
    const across = (Math.PI / 180) * 0.01 * 6378137 * Math.cos((21.505 * Math.PI) / 180) * 1.0017;
    const bar = chipScaleBar(box, 300, 0.3);
    expect(bar.metres).toBe(200);
    expect(bar.label).toBe('200 m');
    expect(bar.pixels).toBeCloseTo((200 / across) * 300, 0);
    expect(chipScaleBar([109, 21, 109.2, 21.2], 300, 0.3).label).toBe('5 km');
  });

  it('lists vertices ring by ring without the closing repeat', () => {
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [...rect(0, 0, 10, 10).coordinates, ...rect(2, 2, 3, 3).coordinates],
    };
    const v = outlineVertices(withHole);
    expect(v).toHaveLength(8);
    expect(v.filter((p) => p.ring === 2).map((p) => [p.lon, p.lat])).toEqual([
      [2, 2],
      [3, 2],
      [3, 3],
      [2, 3],
    ]);
  });
});

function sampleCase(): { state: CaseState; events: LedgerEvent[] } {
  const events = sampleLedger();
  const folds = foldLedger(events);
  const id = [...groupByCase(events).keys()].find((k) =>
    (groupByCase(events).get(k) ?? []).some((e) => e.type === 'reviewed'),
  );
  const state = folds.get(id as CaseState['id'])?.state as CaseState;
  return {
    state: { ...state, patch: { ...state.patch, geometry: PATCH } },
    events: groupByCase(events).get(state.id) ?? [],
  };
}

describe('review rows', () => {
  it('list opening and review decisions with names and dates, and leave undone events out', () => {
    const { events } = sampleCase();
    const rows = reviewRows(events, SAMPLE_CATALOG);
    const reviewed = events.filter((e) => e.type === 'reviewed');
    expect(rows[0]?.step).toBe('入库');
    expect(rows.filter((r) => r.step === '会商审核').map((r) => [r.by, r.on])).toEqual(
      reviewed.map((e) => [e.type === 'reviewed' ? e.payload.reviewer : '', e.at.slice(0, 10)]),
    );
    const target = reviewed[0] as LedgerEvent;
    const undo = {
      ...target,
      id: `${target.id.slice(0, -1)}Z`,
      type: 'undone',
      payload: { target: target.id },
    };
    const without = reviewRows([...events, undo as LedgerEvent], SAMPLE_CATALOG);
    expect(without).toHaveLength(rows.length - 1);
  });
});

const texts = (blocks: DocxBlock[]): string =>
  blocks.map((b) => ('p' in b ? b.p : b.table.map((r) => r.join(' | ')).join('\n'))).join('\n');

describe('verification sheet DOCX', () => {
  const chip = (caption: string, rgb: [number, number, number]): SheetImage => ({
    bytes: png(40, 30, rgb),
    type: 'png',
    width: 400,
    height: 300,
    caption,
  });

  it('carries the attributes, chips, vertices, overlaps, detection, reviews, photos and the field-check table', async () => {
    const { state, events } = sampleCase();
    const input: SheetInput = {
      state,
      events,
      catalog: SAMPLE_CATALOG,
      areaDecimals: 2,
      projectName: '北海示例项目',
      date: '2026-11-22',
      chips: [chip('T1 2016-12-09', [20, 120, 40]), chip('T2 2018-03-09', [160, 150, 140])],
      overlaps: [{ kind: 'redline', layer: '红线', name: '北海红线-1', ha: 12.3456 }],
      run: {
        id: 'run-2026-1',
        startedAt: '2026-04-02T09:15:00.000Z',
        t1: {
          label: 'T1',
          acquiredOn: '2016-12-09',
          sensor: 'Sentinel-2',
          bands: ['blue', 'green', 'red', 'nir'],
        },
        t2: {
          label: 'T2',
          acquiredOn: '2018-03-09',
          sensor: 'Sentinel-2',
          bands: ['blue', 'green', 'red', 'nir'],
        },
        minAreaM2: 3000,
        sensitivity: null,
      },
      photos: [chip('450521-2026-0001-01 现场照片', [90, 90, 200])],
    };
    const bytes = await writeVerificationSheetDocx(input);
    const files = unzipSync(bytes);
    expect(Object.keys(files).filter((k) => k.startsWith('word/media/'))).toHaveLength(3);
    const { blocks, fontTable } = docxBlocks(bytes);
    const all = texts(blocks);
    expect(all).toContain('生态保护红线图斑核查单');
    expect(all).toContain('制表日期：2026年11月22日');
    for (const f of sheetFields(input)) {
      expect(all).toContain(f.label);
      expect(all).toContain(f.value);
    }
    expect(all).toContain(state.id);
    expect(all).toContain(`${state.patch.cx.toFixed(6)}°`);
    // Vertex table: four corners, two per row.
    expect(all).toContain('J1 | 109.700000 | 21.580000 | J3 | 109.710000 | 21.590000');
    expect(all).toContain('生态保护红线 | 红线 | 北海红线-1 | 12.35');
    expect(all).toContain('检测方法 | 多时相变化检测（IR-MAD）');
    expect(all).toContain('前时相（T1） | 2016年12月9日，Sentinel-2，波段：蓝、绿、红、近红外');
    expect(all).toContain('后时相（T2） | 2018年3月9日');
    expect(all).toContain('最小图斑面积 | 3000 平方米（0.30 公顷）');
    expect(all).toContain('灵敏度 | 自动');
    expect(all).toContain('检测批次 | run-2026-1');
    // Engine internals stay in runs.json: no parameter names or raw numbers of the engine on paper.
    for (const internal of ['tileSize', 'smoothRadius', 'zThreshold', 'gates', 'engine', 'threshold'])
      expect(all).not.toContain(internal);
    for (const r of reviewRows(events, SAMPLE_CATALOG)) expect(all).toContain(`${r.by} | ${r.on}`);
    expect(all).toContain('T1 2016-12-09');
    expect(all).toContain('450521-2026-0001-01 现场照片');
    expect(all).toContain('属实 □');
    expect(fontTable).toContain('仿宋_GB2312');
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    // A4 portrait: 210 × 297 mm in twips.
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml);
    expect(Number(size?.[1]) / 56.7).toBeCloseTo(210, 0);
    expect(Number(size?.[2]) / 56.7).toBeCloseTo(297, 0);
  });

  it('says plainly what is unknown: no layers, no imagery, no outline, hand-drawn', async () => {
    const { state, events } = sampleCase();
    const drawn = { ...state, patch: { ...state.patch, geometry: undefined, runId: undefined } };
    const bytes = await writeVerificationSheetDocx({
      state: drawn as CaseState,
      events,
      catalog: SAMPLE_CATALOG,
      areaDecimals: 2,
      projectName: 'p',
      date: '2026-01-02',
      chips: [],
      overlaps: null,
      photos: [],
    });
    const all = texts(docxBlocks(bytes).blocks);
    expect(all).toContain('叠加情况未知');
    expect(all).toContain('没有覆盖该图斑的影像');
    expect(all).toContain('没有边界数据');
    expect(all).toContain('人工勾绘');
    expect(all).toContain('暂无照片');
  });
});

describe('change direction on the sheet', () => {
  it('names a pond as new water even when the detector saw bare ground', () => {
    expect(changeDirectionText('new_water', 'aquaculture', SAMPLE_CATALOG)).toBe('新增水面/坑塘');
    const dug = changeDirectionText('new_bare_built', 'aquaculture', SAMPLE_CATALOG);
    expect(dug.startsWith('新增水面/坑塘')).toBe(true);
    expect(dug).toContain('自动检测为「新增裸地/建设」');
  });

  it('keeps the detected direction for other activities', () => {
    expect(changeDirectionText('new_bare_built', 'mining', SAMPLE_CATALOG)).toBe('新增裸地/建设');
    expect(changeDirectionText('new_water', 'other', SAMPLE_CATALOG)).toBe('新增水面');
    expect(changeDirectionText('vegetation_loss', undefined, SAMPLE_CATALOG)).toBe('植被减少');
    expect(changeDirectionText(undefined, undefined, SAMPLE_CATALOG)).toBe('');
  });
});
