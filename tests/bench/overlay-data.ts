/**
 * Reproducible synthetic data for the overlay benchmark: a township partition, red-line blobs (some with
 * holes, some multi-part, some overlapping their neighbours), reserves, and small patches placed inside,
 * across and outside red-line boundaries. Same seed ⇒ same data, byte for byte.
 */
import type { Polygon, MultiPolygon, Position } from 'geojson';
import type { AdminFeature } from '../../src/core/geo/admin-join.ts';
import type { NamedPoint } from '../../src/core/geo/location.ts';
import type { AreaFeature } from '../../src/core/geo/spatial-index.ts';
import { mulberry32 as rng } from './random.ts';

/** Sizes of the generated data set. */
export interface OverlayDataSpec {
  seed: number;
  patches: number;
  redlines: number;
  /** Vertices per red-line ring (outer), on average. */
  redlineVertices: number;
  townshipCols: number;
  townshipRows: number;
  reserves: number;
}

export const DEFAULT_SPEC: OverlayDataSpec = {
  seed: 20260501,
  patches: 10_000,
  redlines: 5_000,
  redlineVertices: 200,
  townshipCols: 60,
  townshipRows: 50,
  reserves: 300,
};

export interface OverlayData {
  patches: { id: string; geometry: Polygon | MultiPolygon }[];
  redlines: AreaFeature[];
  reserves: AreaFeature[];
  townships: AdminFeature[];
  namedPoints: NamedPoint[];
}

const WEST = 106.0;
const SOUTH = 21.5;
const WIDTH = 6.0;
const HEIGHT = 4.5;

/** A star-shaped blob ring, counter-clockwise, closed; radii in degrees of latitude. */
function blob(
  random: () => number,
  cx: number,
  cy: number,
  r: number,
  n: number,
  wiggle: number,
): Position[] {
  const kx = 1 / Math.cos((cy * Math.PI) / 180);
  const phase = [random() * 6.3, random() * 6.3, random() * 6.3];
  const ring: Position[] = [];
  for (let i = 0; i < n; i += 1) {
    const a = (2 * Math.PI * i) / n;
    const f =
      1 +
      wiggle * (0.5 * Math.sin(3 * a + phase[0]!) + 0.3 * Math.sin(7 * a + phase[1]!)) +
      wiggle * 0.2 * Math.sin(17 * a + phase[2]!);
    ring.push([cx + r * f * Math.cos(a) * kx, cy + r * f * Math.sin(a)]);
  }
  ring.push([ring[0]![0]!, ring[0]![1]!]);
  return ring;
}

function townships(
  random: () => number,
  spec: OverlayDataSpec,
): { features: AdminFeature[]; seats: NamedPoint[] } {
  const { townshipCols: cols, townshipRows: rows } = spec;
  const dx = WIDTH / cols;
  const dy = HEIGHT / rows;
  // Jittered grid nodes shared by neighbouring cells (borders on the outside stay straight).
  const node: Position[][] = [];
  for (let i = 0; i <= cols; i += 1) {
    node[i] = [];
    for (let j = 0; j <= rows; j += 1) {
      const jx = i === 0 || i === cols ? 0 : (random() - 0.5) * 0.5 * dx;
      const jy = j === 0 || j === rows ? 0 : (random() - 0.5) * 0.5 * dy;
      node[i]![j] = [WEST + i * dx + jx, SOUTH + j * dy + jy];
    }
  }
  // Each edge gets the same intermediate points whichever cell walks it.
  const edgeCache = new Map<string, Position[]>();
  const edge = (a: [number, number], b: [number, number]): Position[] => {
    const key = `${a.join(',')}|${b.join(',')}`;
    const back = edgeCache.get(`${b.join(',')}|${a.join(',')}`);
    if (back) return [...back].reverse();
    const p = node[a[0]]![a[1]]!;
    const q = node[b[0]]![b[1]]!;
    const border =
      (a[0] === b[0] && (a[0] === 0 || a[0] === cols)) || (a[1] === b[1] && (a[1] === 0 || a[1] === rows));
    const pts: Position[] = [];
    for (let k = 1; k < 8; k += 1) {
      const t = k / 8;
      const off = border ? 0 : (random() - 0.5) * 0.08 * Math.min(dx, dy);
      const nx = -(q[1]! - p[1]!);
      const ny = q[0]! - p[0]!;
      const len = Math.hypot(nx, ny);
      pts.push([
        p[0]! + t * (q[0]! - p[0]!) + (off * nx) / len,
        p[1]! + t * (q[1]! - p[1]!) + (off * ny) / len,
      ]);
    }
    edgeCache.set(key, pts);
    return pts;
  };
  const features: AdminFeature[] = [];
  const seats: NamedPoint[] = [];
  for (let i = 0; i < cols; i += 1) {
    for (let j = 0; j < rows; j += 1) {
      const corners: [number, number][] = [
        [i, j],
        [i + 1, j],
        [i + 1, j + 1],
        [i, j + 1],
      ];
      const ring: Position[] = [];
      for (let k = 0; k < 4; k += 1) {
        const a = corners[k]!;
        const b = corners[(k + 1) % 4]!;
        ring.push(node[a[0]]![a[1]]!, ...edge(a, b));
      }
      ring.push(ring[0]!);
      // 5×5 townships per county, 4 counties across per city: codes 45 cc nn ttt.
      const county = Math.floor(i / 5) * 10 + Math.floor(j / 5);
      const city = 1 + Math.floor(county / 10);
      const countyCode = `45${String(city).padStart(2, '0')}${String(21 + (county % 10)).padStart(2, '0')}`;
      const code = `${countyCode}${String(100 + (i % 5) * 5 + (j % 5)).padStart(3, '0')}`;
      features.push({
        id: code,
        code,
        level: 'township',
        name: `镇${code.slice(6)}`,
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
      seats.push({
        lon: WEST + (i + 0.5) * dx,
        lat: SOUTH + (j + 0.5) * dy,
        name: `镇${code.slice(6)}政府`,
        nameEn: `Town ${code.slice(6)} Government`,
      });
    }
  }
  return { features, seats };
}

/** Generates the whole data set from a spec. */
export function generateOverlayData(spec: OverlayDataSpec = DEFAULT_SPEC): OverlayData {
  const random = rng(spec.seed);
  const admin = townships(random, spec);
  const cols = Math.round(Math.sqrt((spec.redlines * WIDTH) / HEIGHT));
  const rows = Math.ceil(spec.redlines / cols);
  const cw = WIDTH / cols;
  const ch = HEIGHT / rows;
  const redlines: AreaFeature[] = [];
  const centres: { x: number; y: number; r: number }[] = [];
  for (let k = 0; k < spec.redlines; k += 1) {
    const cx = WEST + ((k % cols) + 0.5 + (random() - 0.5) * 0.3) * cw;
    const cy = SOUTH + (Math.floor(k / cols) + 0.5 + (random() - 0.5) * 0.3) * ch;
    // Radius in latitude degrees; 10 % are big enough to overlap neighbours.
    const r =
      Math.min(cw * Math.cos((cy * Math.PI) / 180), ch) * (random() < 0.1 ? 0.6 : 0.3 + 0.1 * random());
    const n = Math.round(spec.redlineVertices * (0.9 + 0.2 * random()));
    const shape = random();
    let geometry: Polygon | MultiPolygon;
    if (shape < 0.05) {
      geometry = {
        type: 'Polygon',
        coordinates: [blob(random, cx, cy, r, n - 40, 0.3), blob(random, cx, cy, r * 0.3, 40, 0.1).reverse()],
      };
    } else if (shape < 0.1) {
      geometry = {
        type: 'MultiPolygon',
        coordinates: [
          [blob(random, cx - r * 0.5, cy, r * 0.4, n / 2, 0.2)],
          [blob(random, cx + r * 0.5, cy, r * 0.4, n / 2, 0.2)],
        ],
      };
    } else {
      geometry = { type: 'Polygon', coordinates: [blob(random, cx, cy, r, n, 0.3)] };
    }
    redlines.push({ id: `RL${String(k).padStart(5, '0')}`, geometry });
    centres.push({ x: cx, y: cy, r });
  }
  const reserves: AreaFeature[] = [];
  for (let k = 0; k < spec.reserves; k += 1) {
    const c = centres[Math.floor(random() * centres.length)]!;
    const geometry: Polygon = {
      type: 'Polygon',
      coordinates: [blob(random, c.x + c.r * 0.5, c.y, c.r * 0.5, 64, 0.2)],
    };
    reserves.push({ id: `NR${String(k).padStart(4, '0')}`, geometry });
  }
  const patches: OverlayData['patches'] = [];
  for (let k = 0; k < spec.patches; k += 1) {
    const c = centres[Math.floor(random() * centres.length)]!;
    const mode = random();
    // 60 % well inside a red line, 30 % across its boundary, 10 % anywhere.
    const dist = mode < 0.6 ? c.r * 0.55 * random() : mode < 0.9 ? c.r * (0.8 + 0.4 * random()) : NaN;
    const angle = random() * 2 * Math.PI;
    const kx = 1 / Math.cos((c.y * Math.PI) / 180);
    const px = Number.isNaN(dist) ? WEST + random() * WIDTH : c.x + dist * Math.cos(angle) * kx;
    const py = Number.isNaN(dist) ? SOUTH + random() * HEIGHT : c.y + dist * Math.sin(angle);
    const pr = 0.0003 + 0.002 * random() ** 2; // ≈ 30 m … 250 m
    const n = 12 + Math.floor(random() * 28);
    const outer = blob(random, px, py, pr, n, 0.5);
    const coordinates =
      random() < 0.05 ? [outer, blob(random, px, py, pr * 0.25, 8, 0.1).reverse()] : [outer];
    patches.push({ id: `P${k}`, geometry: { type: 'Polygon', coordinates } });
  }
  return { patches, redlines, reserves, townships: admin.features, namedPoints: admin.seats };
}
