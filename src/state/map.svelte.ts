import { WebMercatorViewport, type Layer } from '@deck.gl/core';

export interface ViewState {
  longitude: number;
  latitude: number;
  zoom: number;
  pitch: number;
  bearing: number;
}

/** Lon/lat box: west, south, east, north. */
export type Bounds = [number, number, number, number];

export const CHINA_BOUNDS: Bounds = [73.5, 18.0, 135.1, 53.6];

/** What the map shows: the view, the overlay layers other features register, and the map's pixel size. */
class MapState {
  view = $state<ViewState>({ longitude: 104.5, latitude: 35.5, zoom: 3, pitch: 0, bearing: 0 });
  size = $state({ width: 800, height: 600 });
  /** Overlay layers by key (a feature owns its key); raw because deck.gl layers are immutable descriptors. */
  overlays = $state.raw<Record<string, Layer[]>>({});
  cursor = $state<[number, number] | null>(null);
  /** Frames drawn so far: tests and the cold-start measurement wait on the first. */
  frames = $state(0);
  /** How two dates of imagery are compared: one at a time, a swipe, or two synchronised maps side by side. */
  compare = $state<'single' | 'swipe' | 'side'>('single');
  /** Swipe position as a share of the map width. */
  swipe = $state(0.5);
  /** While set (drawing a patch), map clicks go here instead of picking. */
  clickHandler: ((lon: number, lat: number) => void) | null = null;

  /** The lon/lat box the map shows now. */
  viewBounds(): Bounds {
    const { width, height } = this.size;
    const viewport = new WebMercatorViewport({
      ...this.view,
      width: Math.max(width, 1),
      height: Math.max(height, 1),
    });
    const [west, south, east, north] = viewport.getBounds();
    return [west, south, east, north];
  }

  /** The longitude under the swipe line. */
  swipeLongitude(): number {
    const { width, height } = this.size;
    const viewport = new WebMercatorViewport({
      ...this.view,
      width: Math.max(width, 1),
      height: Math.max(height, 1),
    });
    return viewport.unproject([this.swipe * width, height / 2])[0] ?? this.view.longitude;
  }

  setOverlay(key: string, layers: Layer[]): void {
    this.overlays = { ...this.overlays, [key]: layers };
  }

  removeOverlay(key: string): void {
    // Removing nothing must not make a new object: each new one redraws the map, which costs seconds with a very
    // large layer in software WebGL.
    if (!(key in this.overlays)) return;
    const { [key]: _removed, ...rest } = this.overlays;
    this.overlays = rest;
  }

  /** Fit the view to a lon/lat box with some padding. */
  zoomTo(bounds: Bounds): void {
    const { width, height } = this.size;
    const viewport = new WebMercatorViewport({ width: Math.max(width, 100), height: Math.max(height, 100) });
    const padding = Math.min(40, Math.floor(Math.min(width, height) / 8));
    const fitted = viewport.fitBounds(
      [
        [bounds[0], bounds[1]],
        [bounds[2], bounds[3]],
      ],
      { padding },
    );
    this.view = { ...this.view, longitude: fitted.longitude, latitude: fitted.latitude, zoom: fitted.zoom };
  }
}

export const mapState = new MapState();
