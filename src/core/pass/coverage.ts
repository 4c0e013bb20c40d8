/**
 * Coverage of a tile's search region, measured on a regular grid of sample cells (cell centres): region cells
 * with imagery at both dates, at one, at none; of those with both, the ones the chosen pair covered (detected)
 * and the ones masked as cloud or shadow there. Scene footprints are their rectangles in the grid CRS.
 */
import type { Geotransform } from '../raster/types.ts';
import type { MapBox } from './grid.ts';

/** Sample cells per tile side. */
export const COVERAGE_CELLS = 64;

/** Cell codes: outside the region, or inside it with imagery at no date, T1 only, T2 only, both. */
export const CELL = { outside: 0, none: 1, t1Only: 2, t2Only: 3, both: 4 } as const;

/** Area totals of a tile or a county, hectares. */
export interface CoverageHa {
  region_ha: number;
  both_ha: number;
  one_ha: number;
  none_ha: number;
  /** Both dates, and inside the chosen pair's footprints (searched for change). */
  detected_ha: number;
  /** Detected, but cloud or cloud shadow at a date there (not searched in effect). */
  cloud_ha: number;
}

export const emptyCoverage = (): CoverageHa => ({
  region_ha: 0,
  both_ha: 0,
  one_ha: 0,
  none_ha: 0,
  detected_ha: 0,
  cloud_ha: 0,
});

/** Geotransform of the sample cells of a tile (cell (0, 0) at the tile's north-west corner). */
export function cellGeotransform(box: MapBox, cells: number): Geotransform {
  return [box.x0, (box.x1 - box.x0) / cells, 0, box.y1, 0, -(box.y1 - box.y0) / cells];
}

/** Map coordinates of the centre of cell i (row-major). */
export function cellCentre(box: MapBox, cells: number, i: number): [number, number] {
  const c = i % cells;
  const r = Math.floor(i / cells);
  return [box.x0 + ((c + 0.5) * (box.x1 - box.x0)) / cells, box.y1 - ((r + 0.5) * (box.y1 - box.y0)) / cells];
}

/** True when a point lies in a box (west and south edges in, like the tile grid). */
export const inBox = (b: MapBox, x: number, y: number): boolean =>
  x >= b.x0 && x < b.x1 && y > b.y0 && y <= b.y1;

const inAny = (boxes: readonly MapBox[], x: number, y: number): boolean => boxes.some((b) => inBox(b, x, y));

/** Code of every cell from the region mask (1 = search region; null = all) and each date's footprints. */
export function classifyCells(
  box: MapBox,
  cells: number,
  region: Uint8Array | null,
  t1: readonly MapBox[],
  t2: readonly MapBox[],
): Uint8Array {
  const out = new Uint8Array(cells * cells);
  for (let i = 0; i < out.length; i += 1) {
    if (region && !region[i]) continue;
    const [x, y] = cellCentre(box, cells, i);
    const a = inAny(t1, x, y);
    const b = inAny(t2, x, y);
    out[i] = a && b ? CELL.both : a ? CELL.t1Only : b ? CELL.t2Only : CELL.none;
  }
  return out;
}

/**
 * Hectares of each class. `detected` and `cloud` flag cells (1 = yes) among those with both dates; `cellHa` is
 * the area of one cell (or a function of the cell index, e.g. to split the totals by county).
 */
export function coverageOf(
  codes: Uint8Array,
  cellHa: number,
  detected?: Uint8Array,
  cloud?: Uint8Array,
  only?: (i: number) => boolean,
): CoverageHa {
  const n = { region: 0, both: 0, one: 0, none: 0, detected: 0, cloud: 0 };
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i]!;
    if (code === CELL.outside || (only && !only(i))) continue;
    n.region += 1;
    if (code === CELL.both) {
      n.both += 1;
      if (detected?.[i]) {
        n.detected += 1;
        if (cloud?.[i]) n.cloud += 1;
      }
    } else if (code === CELL.none) n.none += 1;
    else n.one += 1;
  }
  const ha = (k: number): number => Math.round(k * cellHa * 10_000) / 10_000;
  return {
    region_ha: ha(n.region),
    both_ha: ha(n.both),
    one_ha: ha(n.one),
    none_ha: ha(n.none),
    detected_ha: ha(n.detected),
    cloud_ha: ha(n.cloud),
  };
}

/** Sum of coverage totals (rounded like the parts). */
export function addCoverage(a: CoverageHa, b: CoverageHa): CoverageHa {
  const r = (v: number): number => Math.round(v * 10_000) / 10_000;
  return {
    region_ha: r(a.region_ha + b.region_ha),
    both_ha: r(a.both_ha + b.both_ha),
    one_ha: r(a.one_ha + b.one_ha),
    none_ha: r(a.none_ha + b.none_ha),
    detected_ha: r(a.detected_ha + b.detected_ha),
    cloud_ha: r(a.cloud_ha + b.cloud_ha),
  };
}

/** Columns of coverage.csv. */
export const COVERAGE_COLUMNS = [
  'region_ha',
  'both_ha',
  'one_ha',
  'none_ha',
  'detected_ha',
  'cloud_ha',
] as const satisfies readonly (keyof CoverageHa)[];
