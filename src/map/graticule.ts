/** A line of the graticule: a meridian or a parallel, as lon/lat vertices. */
export interface GraticuleLine {
  kind: 'meridian' | 'parallel';
  value: number;
  path: [number, number][];
}

/**
 * Meridians and parallels every `step` degrees over a lon/lat box, densified every degree so they curve
 * correctly in Web Mercator.
 */
export function graticule(
  step: number,
  bounds: [number, number, number, number] = [60, 0, 150, 60],
): GraticuleLine[] {
  const [west, south, east, north] = bounds;
  const lines: GraticuleLine[] = [];
  const first = (value: number): number => Math.ceil(value / step) * step;
  for (let lon = first(west); lon <= east; lon += step) {
    const path: [number, number][] = [];
    for (let lat = south; lat <= north; lat += 1) path.push([lon, lat]);
    lines.push({ kind: 'meridian', value: lon, path });
  }
  for (let lat = first(south); lat <= north; lat += step) {
    const path: [number, number][] = [];
    for (let lon = west; lon <= east; lon += 1) path.push([lon, lat]);
    lines.push({ kind: 'parallel', value: lat, path });
  }
  return lines;
}
