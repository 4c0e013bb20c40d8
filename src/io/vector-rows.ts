/**
 * Accumulates per-feature WKB + bbox rows in growable typed arrays, so 200 000 features end up in a handful of
 * transferable buffers instead of 200 000 small objects.
 */
import type { Geometry } from 'geojson';
import { wkbByteLength, writeWkb, type Bbox } from '../core/geo/wkb.ts';
import type { FeatureRows } from './vector-types.ts';

function grow<T extends Float64Array | Int32Array | Uint32Array>(
  array: T,
  make: (n: number) => T,
  need: number,
): T {
  if (need <= array.length) return array;
  const next = make(Math.max(need, array.length * 2));
  next.set(array);
  return next;
}

export class FeatureRowsBuilder {
  private count = 0;
  private fid = new Int32Array(1024);
  private props: string[] = [];
  private wkb = new Uint8Array(1 << 16);
  private view = new DataView(this.wkb.buffer);
  private wkbEnd = 0;
  private offsets = new Uint32Array(1025);
  private bounds = new Float64Array(4 * 1024);

  get length(): number {
    return this.count;
  }

  /** Append one feature: its source index, attributes JSON, lon/lat geometry and bbox. */
  add(fid: number, propsJson: string, geometry: Geometry, bbox: Bbox): void {
    const i = this.count;
    this.fid = grow(this.fid, (n) => new Int32Array(n), i + 1);
    this.offsets = grow(this.offsets, (n) => new Uint32Array(n), i + 2);
    this.bounds = grow(this.bounds, (n) => new Float64Array(n), 4 * (i + 1));
    const size = wkbByteLength(geometry);
    if (this.wkbEnd + size > this.wkb.length) {
      const next = new Uint8Array(Math.max(this.wkbEnd + size, this.wkb.length * 2));
      next.set(this.wkb.subarray(0, this.wkbEnd));
      this.wkb = next;
      this.view = new DataView(next.buffer);
    }
    this.wkbEnd = writeWkb(geometry, this.view, this.wkbEnd);
    this.fid[i] = fid;
    this.props.push(propsJson);
    this.offsets[i + 1] = this.wkbEnd;
    this.bounds.set(bbox, 4 * i);
    this.count = i + 1;
  }

  /** Trimmed columns (copies, so the builder's spare capacity is not kept alive). */
  finish(): FeatureRows {
    const n = this.count;
    const column = (k: number): Float64Array => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = this.bounds[4 * i + k] ?? NaN;
      return out;
    };
    return {
      count: n,
      fid: this.fid.slice(0, n),
      props: this.props,
      wkb: this.wkb.slice(0, this.wkbEnd),
      wkbOffsets: this.offsets.slice(0, n + 1),
      minx: column(0),
      miny: column(1),
      maxx: column(2),
      maxy: column(3),
    };
  }
}
