/**
 * Fractional vegetation cover (FVC, 植被覆盖度) by the pixel-dichotomy model:
 *
 *   NDVI = (NIR − Red) / (NIR + Red)
 *   FVC  = clip((NDVI − NDVI_soil) / (NDVI_veg − NDVI_soil), 0, 1)
 *
 * with NDVI_soil and NDVI_veg the cumulative percentiles (default 5 % and 95 %) of the NDVI of the pixels
 * assessed. NDVI is quantised to steps of 1e-4 into a histogram per zone; percentiles and mean FVC are
 * then computed exactly on the quantised values, so one pass over the imagery suffices (error in NDVI
 * ≤ 0.5e-4, far below sensor noise).
 */

/** NDVI quantisation step. */
export const NDVI_STEP = 1e-4;
/** Number of histogram bins: NDVI −1 … 1 by NDVI_STEP, both ends included. */
export const NDVI_BINS = 20_001;
/** Default cumulative percentiles for NDVI_soil and NDVI_veg. */
export const DEFAULT_SOIL_PERCENT = 5;
export const DEFAULT_VEG_PERCENT = 95;

/** Thrown for meaningless FVC parameters (e.g. soil percentile above the vegetation one). */
export class FvcParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FvcParameterError';
  }
}

/** NDVI of one pixel; NaN when both bands are zero. */
export function ndviOf(red: number, nir: number): number {
  const sum = nir + red;
  return sum === 0 ? Number.NaN : (nir - red) / sum;
}

/** Histogram bin of an NDVI value (rounded to the nearest step), or −1 for NaN. */
export function ndviBin(ndvi: number): number {
  if (!(ndvi >= -1 && ndvi <= 1)) return -1;
  // The same arithmetic as the kernel in accumulateNdvi, so ties round the same way.
  return ((ndvi + 1) * 10_000 + 0.5) | 0;
}

/** The NDVI a bin stands for. */
export function binNdvi(bin: number): number {
  return Math.round(bin - 10_000) / 10_000;
}

/** FVC of one NDVI value, clipped to [0, 1]. */
export function fvcOf(ndvi: number, soil: number, veg: number): number {
  if (!(veg > soil)) throw new FvcParameterError(`NDVI_veg (${veg}) must exceed NDVI_soil (${soil})`);
  const value = (ndvi - soil) / (veg - soil);
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** One histogram of quantised NDVI per zone; zone 0 is "not assessed" and never counted. */
export class NdviHistograms {
  readonly counts: Float64Array;
  constructor(readonly zoneCount: number) {
    this.counts = new Float64Array((zoneCount + 1) * NDVI_BINS);
  }

  /** The histogram of one zone (a view, not a copy). */
  zone(zone: number): Float64Array {
    return this.counts.subarray(zone * NDVI_BINS, (zone + 1) * NDVI_BINS);
  }

  /** Sum of the histograms of zones 1…zoneCount (the whole project). */
  total(): Float64Array {
    const out = new Float64Array(NDVI_BINS);
    for (let z = 1; z <= this.zoneCount; z += 1) {
      const h = this.zone(z);
      for (let b = 0; b < NDVI_BINS; b += 1) out[b] = (out[b] as number) + (h[b] as number);
    }
    return out;
  }

  /** Add another set of histograms with the same zones (partial results of tiles or workers). */
  merge(other: NdviHistograms): void {
    if (other.zoneCount !== this.zoneCount) throw new Error('histograms with different zones');
    for (let i = 0; i < this.counts.length; i += 1)
      this.counts[i] = (this.counts[i] as number) + (other.counts[i] as number);
  }
}

/** Sample arrays a kernel accepts (unsigned/signed integer or float bands). */
export type BandValues = Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;

/**
 * Add the NDVI of the pixels of one block to the zone histograms. `zones[i]` is the zone of pixel i
 * (0 = outside every assessed area); pixels equal to `nodata` in either band, or with NIR + Red = 0, are
 * skipped. Red and NIR may be strided views into an interleaved block (`stride` samples per pixel).
 */
export function accumulateNdvi(
  hist: NdviHistograms,
  red: BandValues,
  nir: BandValues,
  zones: Uint8Array,
  pixels: number,
  options: { redOffset?: number; nirOffset?: number; stride?: number; nodata?: number | null } = {},
): number {
  const stride = options.stride ?? 1;
  const ro = options.redOffset ?? 0;
  const no = options.nirOffset ?? 0;
  const nodata = options.nodata ?? null;
  const counts = hist.counts;
  let counted = 0;
  for (let i = 0; i < pixels; i += 1) {
    const zone = zones[i] as number;
    if (zone === 0) continue;
    const r = red[ro + i * stride] as number;
    const n = nir[no + i * stride] as number;
    if (nodata !== null && (r === nodata || n === nodata)) continue;
    const sum = n + r;
    if (sum === 0 || sum !== sum) continue;
    const ndvi = (n - r) / sum;
    if (!(ndvi >= -1 && ndvi <= 1)) continue;
    // Math.round on ((ndvi + 1) / step) inlined: this loop runs for every pixel of both scenes.
    const bin = ((ndvi + 1) * 10_000 + 0.5) | 0;
    const index = zone * NDVI_BINS + bin;
    counts[index] = (counts[index] as number) + 1;
    counted += 1;
  }
  return counted;
}

/** Pixels counted in a histogram. */
export function histogramCount(hist: Float64Array): number {
  let n = 0;
  for (let b = 0; b < hist.length; b += 1) n += hist[b] as number;
  return n;
}

/**
 * Cumulative percentile of a histogram by the nearest-rank rule: the smallest NDVI whose cumulative share
 * reaches `percent` % (numpy `percentile(…, method='inverted_cdf')`). Null for an empty histogram.
 */
export function histogramPercentile(hist: Float64Array, percent: number): number | null {
  if (!(percent >= 0 && percent <= 100)) throw new FvcParameterError(`percentile ${percent} out of 0…100`);
  const n = histogramCount(hist);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * n - 1e-9));
  let cumulative = 0;
  for (let b = 0; b < hist.length; b += 1) {
    cumulative += hist[b] as number;
    if (cumulative >= rank) return binNdvi(b);
  }
  return binNdvi(hist.length - 1);
}

/** Mean FVC of the pixels of a histogram, for given end members; null for an empty histogram. */
export function histogramMeanFvc(hist: Float64Array, soil: number, veg: number): number | null {
  if (!(veg > soil)) throw new FvcParameterError(`NDVI_veg (${veg}) must exceed NDVI_soil (${soil})`);
  let n = 0;
  let sum = 0;
  for (let b = 0; b < hist.length; b += 1) {
    const count = hist[b] as number;
    if (count === 0) continue;
    n += count;
    sum += count * fvcOf(binNdvi(b), soil, veg);
  }
  return n === 0 ? null : sum / n;
}

/** FVC of one scene: end members from the whole project's histogram, mean per zone. */
export interface FvcSummary {
  soilPercent: number;
  vegPercent: number;
  /** NDVI_soil and NDVI_veg; null when no pixel was assessed. */
  ndviSoil: number | null;
  ndviVeg: number | null;
  /** Mean FVC of all assessed pixels, and per zone (index = zone − 1). */
  meanFvc: number | null;
  zoneMeanFvc: (number | null)[];
  pixels: number;
  zonePixels: number[];
}

/**
 * Summarise zone histograms: NDVI_soil / NDVI_veg from the cumulative percentiles of all zones together,
 * then the mean FVC of the project and of every zone with those end members.
 */
export function summariseFvc(
  hist: NdviHistograms,
  soilPercent = DEFAULT_SOIL_PERCENT,
  vegPercent = DEFAULT_VEG_PERCENT,
): FvcSummary {
  if (!(soilPercent < vegPercent))
    throw new FvcParameterError(`soil percentile ${soilPercent} must be below veg percentile ${vegPercent}`);
  const total = hist.total();
  const pixels = histogramCount(total);
  const soil = histogramPercentile(total, soilPercent);
  const veg = histogramPercentile(total, vegPercent);
  const zonePixels: number[] = [];
  const zoneMeanFvc: (number | null)[] = [];
  const usable = soil !== null && veg !== null && veg > soil;
  for (let z = 1; z <= hist.zoneCount; z += 1) {
    const h = hist.zone(z);
    zonePixels.push(histogramCount(h));
    zoneMeanFvc.push(usable ? histogramMeanFvc(h, soil, veg) : null);
  }
  return {
    soilPercent,
    vegPercent,
    ndviSoil: soil,
    ndviVeg: veg,
    meanFvc: usable ? histogramMeanFvc(total, soil, veg) : null,
    zoneMeanFvc,
    pixels,
    zonePixels,
  };
}
