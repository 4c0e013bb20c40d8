/**
 * Layout of the notebook's small SVG charts (bar and line), computed here so the component only draws:
 * nice axis ticks, bar rectangles per category and series, polyline points for lines.
 */

export interface ChartBox {
  width: number;
  height: number;
  /** Space for axis labels. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const DEFAULT_BOX: ChartBox = { width: 320, height: 180, left: 44, bottom: 36, top: 8, right: 8 };

/** Round tick values covering [min, max] (about `count` of them), 1/2/5 × 10^k apart. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power) as number;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  if ((ticks.at(-1) ?? -Infinity) < max) ticks.push((ticks.at(-1) ?? first) + step);
  return ticks;
}

export interface ChartLayout {
  ticks: { value: number; y: number }[];
  /** x centre and label of each category. */
  categories: { label: string; x: number }[];
  bars: {
    series: number;
    category: number;
    x: number;
    y: number;
    width: number;
    height: number;
    value: number;
  }[];
  lines: { series: number; points: string }[];
  zeroY: number;
}

/** Lay out a chart of `series` over `categories` inside `box`. */
export function layoutChart(
  type: 'bar' | 'line',
  categories: readonly string[],
  series: readonly { values: readonly (number | null)[] }[],
  box: ChartBox = DEFAULT_BOX,
): ChartLayout {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const ticks = niceTicks(lo, hi);
  const min = ticks[0] ?? 0;
  const max = ticks.at(-1) ?? 1;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const y = (v: number): number => box.top + plotH - ((v - min) / (max - min || 1)) * plotH;
  const n = Math.max(1, categories.length);
  const band = plotW / n;
  const layout: ChartLayout = {
    ticks: ticks.map((value) => ({ value, y: y(value) })),
    categories: categories.map((label, i) => ({ label, x: box.left + band * (i + 0.5) })),
    bars: [],
    lines: [],
    zeroY: y(0),
  };
  if (type === 'bar') {
    const inner = (band * 0.8) / Math.max(1, series.length);
    series.forEach((s, si) =>
      s.values.forEach((value, i) => {
        if (value === null) return;
        const top = Math.min(y(value), y(0));
        layout.bars.push({
          series: si,
          category: i,
          x: box.left + band * i + band * 0.1 + inner * si,
          y: top,
          width: Math.max(1, inner - 1),
          height: Math.abs(y(value) - y(0)),
          value,
        });
      }),
    );
  } else {
    series.forEach((s, si) => {
      const points = s.values
        .map((value, i) =>
          value === null ? null : `${(box.left + band * (i + 0.5)).toFixed(1)},${y(value).toFixed(1)}`,
        )
        .filter((p): p is string => p !== null);
      layout.lines.push({ series: si, points: points.join(' ') });
    });
  }
  return layout;
}
