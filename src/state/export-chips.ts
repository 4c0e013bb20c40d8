/**
 * Chip pictures for verification sheets and bundles: the T1 and T2 scenes around a patch, drawn with the
 * patch outline, a scale bar, a north arrow and the date, encoded as PNG (OffscreenCanvas). The pixels come
 * from the imagery worker (`scenes.chip`), so only drawing happens here.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { chipProjection, chipScaleBar } from '../io/geo-export.ts';
import type { SheetImage } from '../io/verification-sheet.ts';
import { bboxOf } from '../core/geo/rings.ts';
import { scenes, type Scene } from './scenes.svelte.ts';
import type { Bounds } from './map.svelte.ts';

/** Pixel size of a chip's longer side. */
export const CHIP_SIZE = 400;

/** The box shown around a patch (as the review panel frames it). */
export function chipBox(geometry: Polygon | MultiPolygon): Bounds {
  const [w, s, e, n] = bboxOf(geometry);
  const pad = Math.max(e - w, n - s) * 0.8 + 0.001;
  return [w - pad, s - pad, e + pad, n + pad];
}

/** The two scenes compared (earliest label first, as T1/T2), or fewer when the project has fewer. */
export function chipScenes(): Scene[] {
  const ordered = [...scenes.scenes].sort((a, b) => a.record.label.localeCompare(b.record.label));
  return ordered.length <= 2 ? ordered : [ordered[0] as Scene, ordered.at(-1) as Scene];
}

const caption = (scene: Scene): string =>
  [scene.record.label, scene.record.acquiredOn ?? '', scene.record.sensor].filter(Boolean).join(' ');

/** The patch outline in yellow over a chip; `to` maps a lon/lat position to canvas pixels. */
export function drawOutline(
  ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D,
  outline: Polygon | MultiPolygon,
  to: (p: number[]) => [number, number],
): void {
  ctx.strokeStyle = '#ffd400';
  ctx.lineWidth = 2;
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon) {
      ctx.beginPath();
      ring.forEach((p, i) => (i === 0 ? ctx.moveTo(...to(p)) : ctx.lineTo(...to(p))));
      ctx.closePath();
      ctx.stroke();
    }
}

/** Scale bar bottom-left, label top-left, north arrow top-right: white boxes so they read on any image. */
function drawFurniture(
  ctx: OffscreenCanvasRenderingContext2D,
  box: Bounds,
  w: number,
  h: number,
  label: string,
) {
  const bar = chipScaleBar(box, w, 0.3);
  ctx.font = '13px sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(6, h - 30, bar.pixels + 16 + ctx.measureText(bar.label).width + 6, 24);
  ctx.fillRect(6, 6, ctx.measureText(label).width + 12, 22);
  ctx.fillRect(w - 30, 6, 24, 30);
  ctx.fillStyle = '#000';
  ctx.fillRect(14, h - 16, bar.pixels, 4);
  ctx.fillRect(14, h - 22, 2, 10);
  ctx.fillRect(14 + bar.pixels - 2, h - 22, 2, 10);
  ctx.fillText(bar.label, 20 + bar.pixels, h - 16);
  ctx.fillText(label, 12, 17);
  ctx.beginPath();
  ctx.moveTo(w - 18, 10);
  ctx.lineTo(w - 24, 24);
  ctx.lineTo(w - 12, 24);
  ctx.closePath();
  ctx.fill();
  ctx.fillText('N', w - 22, 31);
}

/** One chip as PNG, or null when the scene does not cover the box. */
export async function renderChip(
  scene: Scene,
  geometry: Polygon | MultiPolygon,
  size = CHIP_SIZE,
): Promise<SheetImage | null> {
  const chip = await scenes.chip(scene.record.id, chipBox(geometry), size);
  if (!chip) return null;
  const scale = Math.min(size / chip.bitmap.width, size / chip.bitmap.height);
  const w = Math.max(1, Math.round(chip.bitmap.width * scale));
  const h = Math.max(1, Math.round(chip.bitmap.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(chip.bitmap, 0, 0, w, h);
  chip.bitmap.close();
  const project = chipProjection(chip.box, w, h);
  drawOutline(ctx, geometry, (p) => project(p));
  const label = caption(scene);
  drawFurniture(ctx, chip.box, w, h, label);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return {
    bytes: new Uint8Array(await blob.arrayBuffer()),
    type: 'png',
    width: w,
    height: h,
    caption: label,
  };
}

/** T1 and T2 chips of a patch (those the scenes cover). */
export async function renderChips(geometry: Polygon | MultiPolygon | undefined): Promise<SheetImage[]> {
  if (!geometry) return [];
  const out: SheetImage[] = [];
  for (const scene of chipScenes()) {
    const image = await renderChip(scene, geometry);
    if (image) out.push(image);
  }
  return out;
}
