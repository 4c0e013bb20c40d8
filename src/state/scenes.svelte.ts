import type { Layer } from '@deck.gl/core';
import type { ProjectScopedRecord } from '../store/database.ts';
import { deleteRecord, listRecords, putRecord } from '../store/records.ts';
import { deleteProjectFile, readProjectFile } from '../store/opfs.ts';
import { compositeBands, guessRoles, type BandRole, type RoleSource } from '../core/display/band-roles.ts';
import { chooseByDate, sceneDate, type DateSource } from '../core/display/scene-dates.ts';
import { classifyRadiometry, type Radiometry } from '../core/display/radiometry.ts';
import { geodesicDistanceM } from '../core/geo/location.ts';
import { outputSize, pixelToMap, windowForView, type PixelWindow } from '../core/display/view-window.ts';
import { imageryLayers, type ImageryTile } from '../map/imagery-layers.ts';
import type { ImageInfo, RenderResult } from '../../workers/imagery-api.ts';
import { imageryWorker } from './imagery-client.ts';
import { crsFunctions, type CrsFunctions } from './crs-bridge.ts';
import { mapState, type Bounds } from './map.svelte.ts';

/** The longest a newly added image's copy into OPFS waits for its first frame. */
const FIRST_FRAME_WAIT_MS = 3000;

/** A scene (one date of imagery) as stored: the file lives in OPFS, this record in IndexedDB. */
export interface SceneRecord extends ProjectScopedRecord {
  schemaVersion: 1;
  label: string;
  fileName: string;
  opfsName: string;
  size: number;
  acquiredOn: string | null;
  sensor: string;
  bandRoles: BandRole[];
  /** Where each role came from (absent on scenes stored before roles had sources). */
  roleSources?: RoleSource[];
  /** Where the acquisition date came from; 'user' once typed in the panel. */
  dateSource?: DateSource | 'user' | null;
  addedAt: string;
}

/** A scene opened for display. */
export interface Scene {
  record: SceneRecord;
  info: ImageInfo;
  crs: CrsFunctions;
  bounds: Bounds;
  base: ImageryTile | null;
  detail: ImageryTile | null;
  /** What the pixel values are (data type and the range found). */
  radiometry: Radiometry;
  /** Ground size of a pixel at the image centre, metres. */
  pixelM: number;
}

/** Ground size of one pixel at the image centre: the geodesic distance to the next pixel across. */
function groundPixelM(info: ImageInfo, crs: CrsFunctions): number {
  const col = info.width / 2;
  const row = info.height / 2;
  const [lon1, lat1] = crs.toLonLat(...pixelToMap(info.transform, col, row));
  const [lon2, lat2] = crs.toLonLat(...pixelToMap(info.transform, col + 1, row));
  return geodesicDistanceM(lon1, lat1, lon2, lat2);
}

/** Roles, sources and sensor guessed from a freshly opened image's header. */
export function rolesFromHeader(info: ImageInfo): {
  bandRoles: BandRole[];
  roleSources: RoleSource[];
  sensor: string;
} {
  const guess = guessRoles({
    bands: info.bands,
    descriptions: info.bandNames,
    bandMetadata: info.bandMetadata,
    metadata: info.metadata,
    photometric: info.photometric,
    bitsPerSample: info.bitsPerSample,
    sampleFormat: info.sampleFormat,
  });
  return { bandRoles: guess.roles, roleSources: guess.sources, sensor: guess.sensor ?? '' };
}

let requestCounter = 0;

type Triple = [number, number, number];
/** Which bands are drawn as red, green and blue, and each one's stretch. */
interface Display {
  rgb: Triple;
  min: Triple;
  max: Triple;
}

/** One window of an image rendered by the worker at most `maxWidth`×`maxHeight`; null when cancelled. */
function renderWindow(
  imageId: string,
  window: PixelWindow,
  maxWidth: number,
  maxHeight: number,
  display: Display,
  requestId: number,
): Promise<RenderResult | null> {
  const [width, height] = outputSize(window, maxWidth, maxHeight);
  return imageryWorker().render({ requestId, imageId, window, width, height, ...display });
}

/** The project's imagery: T1/T2 scenes, their display (composite, opacity) and rendering from the worker. */
class ScenesState {
  scenes = $state.raw<Scene[]>([]);
  composite = $state<'true' | 'false'>('true');
  opacity = $state(1);
  /** The scene shown in single mode. */
  selected = $state<string | null>(null);
  error = $state<string | null>(null);
  #pending = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** Open every stored scene of a project (files come from OPFS: nothing to re-pick after a reload). */
  async load(projectId: string): Promise<void> {
    this.clear();
    const records = await listRecords<SceneRecord>('scenes', projectId);
    records.sort((a, b) => a.label.localeCompare(b.label));
    for (const record of records) await this.#open(record, await readProjectFile(projectId, record.opfsName));
    this.selected = this.scenes.at(-1)?.record.id ?? null;
    this.refresh();
  }

  clear(): void {
    for (const scene of this.scenes) void imageryWorker().close(scene.record.id);
    this.scenes = [];
    this.selected = null;
    mapState.removeOverlay('imagery');
  }

  /**
   * Show a picked GeoTIFF at once, from the file itself (the copy into OPFS and the record are the use-case's,
   * src/app/add-scene.ts). Returns the scene; its record is not stored yet.
   */
  async show(
    projectId: string,
    file: Blob,
    fileName: string,
    label: string,
    acquiredOn?: string,
  ): Promise<Scene> {
    const id = crypto.randomUUID();
    const opfsName = `scene-${id}.tif`;
    const opened = performance.now();
    const probe = await imageryWorker().open(id, file);
    // In DevTools → Performance, with imagery:render: where the wait for a picked image's first frame goes.
    performance.measure('imagery:open', { start: opened, end: performance.now() });
    const dated = sceneDate({ metadata: probe.metadata, tiffDateTime: probe.tiffDateTime, fileName });
    const record: SceneRecord = {
      schemaVersion: 1,
      id,
      projectId,
      label,
      fileName,
      opfsName,
      size: file.size,
      acquiredOn: acquiredOn ?? dated?.date ?? null,
      // A date given by the caller (the sample's project file) that the file itself confirms keeps the file's source.
      dateSource: acquiredOn && acquiredOn !== dated?.date ? 'user' : (dated?.source ?? null),
      ...rolesFromHeader(probe),
      addedAt: new Date().toISOString(),
    };
    const scene = await this.#open(record, file, probe);
    this.selected = record.id;
    return scene;
  }

  /**
   * Draw the shown scenes now and wait for that frame, at most a few seconds (views changing all the time keep
   * the render loop going).
   */
  async firstFrame(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    await Promise.race([
      this.#renderAll().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, FIRST_FRAME_WAIT_MS)),
    ]);
  }

  /** Change one band's role (the source becomes 'user'); stored with the scene. */
  async setRole(id: string, band: number, role: BandRole): Promise<void> {
    const scene = this.scenes.find((item) => item.record.id === id);
    if (!scene || band < 0 || band >= scene.record.bandRoles.length) return;
    const bandRoles = [...scene.record.bandRoles];
    const roleSources: RoleSource[] = scene.record.bandRoles.map(
      (_, i) => scene.record.roleSources?.[i] ?? 'order',
    );
    bandRoles[band] = role;
    roleSources[band] = 'user';
    await this.update({ ...scene.record, bandRoles, roleSources });
  }

  /**
   * With exactly two dated scenes, label the earlier T1 and the later T2 (stored). Returns the pair, or null
   * when the dates cannot order them (missing or equal): the user then picks in the detection panel.
   */
  async labelByDate(): Promise<{ t1: SceneRecord; t2: SceneRecord } | null> {
    const pair = chooseByDate(this.scenes.map((scene) => scene.record));
    if (!pair) return null;
    if (pair.t1.label !== 'T1' || pair.t2.label !== 'T2') {
      await this.update({ ...pair.t1, label: 'T1' });
      await this.update({ ...pair.t2, label: 'T2' });
    }
    const records = this.scenes.map((scene) => scene.record);
    const find = (id: string): SceneRecord => records.find((record) => record.id === id)!;
    return { t1: find(pair.t1.id), t2: find(pair.t2.id) };
  }

  async update(record: SceneRecord): Promise<void> {
    await putRecord('scenes', record);
    this.scenes = this.scenes.map((scene) => (scene.record.id === record.id ? { ...scene, record } : scene));
    this.refresh();
  }

  async remove(id: string): Promise<void> {
    const scene = this.scenes.find((item) => item.record.id === id);
    await deleteRecord('scenes', id);
    if (scene) await deleteProjectFile(scene.record.projectId, scene.record.opfsName);
    void imageryWorker().close(id);
    this.scenes = this.scenes.filter((scene) => scene.record.id !== id);
    if (this.selected === id) this.selected = this.scenes.at(-1)?.record.id ?? null;
    this.#publish();
  }

  async #open(record: SceneRecord, file: Blob, probe?: ImageInfo): Promise<Scene> {
    const info = probe ?? (await imageryWorker().open(record.id, file));
    const crs = crsFunctions(info.crs);
    const corners = [
      pixelToMap(info.transform, 0, 0),
      pixelToMap(info.transform, info.width, info.height),
    ].map(([x, y]) => crs.toLonLat(x, y));
    const lons = corners.map((c) => c[0]);
    const lats = corners.map((c) => c[1]);
    const bounds: Bounds = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    const radiometry = classifyRadiometry({
      bits: info.bitsPerSample,
      sampleFormat: info.sampleFormat,
      min: info.valueRange?.min ?? info.stretch.p2.reduce((a, b) => Math.min(a, b), Infinity),
      max: info.valueRange?.max ?? info.stretch.p98.reduce((a, b) => Math.max(a, b), 0),
      reflectanceHint: /sentinel/i.test(record.sensor),
    });
    const scene: Scene = {
      record,
      info,
      crs,
      bounds,
      base: null,
      detail: null,
      radiometry,
      pixelM: groundPixelM(info, crs),
    };
    this.scenes = [...this.scenes, scene];
    return scene;
  }

  /** Re-render for the current view: a whole-image base once, and a detail window when zoomed in. */
  refresh(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#renderAll(), 120);
  }

  /** The render loop in progress, if any; it settles once the latest requested view is drawn. */
  #loop: Promise<void> | null = null;
  #again = false;

  /**
   * One render at a time: two overlapping runs could each keep, replace or release the other's tiles. A newer
   * view cancels the running one's reads (they come back empty and leave the tiles on screen as they are), so
   * a slow full-resolution read of a stale view never delays the current one.
   */
  #renderAll(): Promise<void> {
    if (this.#loop) {
      this.#again = true;
      for (const requestId of this.#pending.values()) void imageryWorker().cancel(requestId);
      return this.#loop;
    }
    this.#loop = (async () => {
      try {
        do {
          this.#again = false;
          await this.#renderOnce();
        } while (this.#again);
      } finally {
        this.#loop = null;
      }
    })();
    return this.#loop;
  }

  async #renderOnce(): Promise<void> {
    const view = mapState.viewBounds();
    const before = this.#bitmaps();
    const start = performance.now();
    await Promise.all(this.scenes.map((scene) => this.#render(scene, view)));
    performance.measure('imagery:render', { start, end: performance.now() });
    this.#publish();
    // Release replaced tiles now rather than at some later GC: at full resolution each is megabytes, and a
    // few pans used to pile up gigabytes. Deferred a moment so the map has switched to the new layers.
    const kept = this.#bitmaps();
    const gone = before.filter((bitmap) => !kept.includes(bitmap));
    if (gone.length > 0) setTimeout(() => gone.forEach((bitmap) => bitmap.close()), 1000);
  }

  #bitmaps(): ImageBitmap[] {
    return this.scenes.flatMap((scene) =>
      [scene.base, scene.detail].flatMap((tile) => (tile ? [tile.bitmap] : [])),
    );
  }

  /** The bands shown for the chosen composite and their 2–98 % stretch. */
  #display(scene: Scene): Display {
    const rgb = compositeBands(scene.record.bandRoles, this.composite) ?? [0, 1, 2];
    const min = rgb.map((b) => scene.info.stretch.p2[b] ?? 0) as Triple;
    const max = rgb.map((b) => scene.info.stretch.p98[b] ?? 1) as Triple;
    return { rgb, min, max };
  }

  async #render(scene: Scene, view: Bounds): Promise<void> {
    const display = this.#display(scene);
    const key = `${this.composite}`;
    if (!scene.base || !scene.base.key.startsWith(`base-${key}`)) {
      const window: PixelWindow = [0, 0, scene.info.width, scene.info.height];
      // A cancelled read (null) keeps what is on screen; the follow-up render replaces it.
      scene.base = (await this.#tile(scene, window, 1024, 1024, display, `base-${key}`)) ?? scene.base;
    }
    const samples: [number, number][] = [];
    for (const fx of [0, 0.5, 1])
      for (const fy of [0, 0.5, 1]) {
        samples.push(
          scene.crs.fromLonLat(view[0] + fx * (view[2] - view[0]), view[1] + fy * (view[3] - view[1])),
        );
      }
    const window = windowForView(samples, scene.info.transform, scene.info.width, scene.info.height);
    if (!window) {
      scene.detail = null;
      return;
    }
    // Screen pixels the window covers: its share of the view times the map size.
    const share = (window[2] - window[0]) / scene.info.width;
    const viewShare = (scene.bounds[2] - scene.bounds[0]) / Math.max(1e-12, view[2] - view[0]);
    const screenWidth = Math.ceil(mapState.size.width * share * viewShare) + 1;
    const screenHeight = Math.ceil(
      screenWidth * ((window[3] - window[1]) / Math.max(1, window[2] - window[0])),
    );
    const [width, height] = outputSize(window, screenWidth, screenHeight);
    if (width <= (scene.base?.bitmap.width ?? 0) * share * 1.2 && scene.base) {
      scene.detail = null;
      return;
    }
    scene.detail = (await this.#tile(scene, window, width, height, display, `detail-${key}`)) ?? scene.detail;
  }

  async #tile(
    scene: Scene,
    window: PixelWindow,
    maxWidth: number,
    maxHeight: number,
    display: Display,
    key: string,
  ): Promise<ImageryTile | null> {
    const previous = this.#pending.get(`${scene.record.id}-${key}`);
    if (previous !== undefined) void imageryWorker().cancel(previous);
    const requestId = ++requestCounter;
    this.#pending.set(`${scene.record.id}-${key}`, requestId);
    const result = await renderWindow(scene.record.id, window, maxWidth, maxHeight, display, requestId);
    if (!result) return null;
    const corner = (col: number, row: number): [number, number] =>
      scene.crs.toLonLat(...pixelToMap(scene.info.transform, col, row));
    const [c0, r0, c1, r1] = window;
    return {
      key: `${key}-${window.join('-')}`,
      bitmap: result.bitmap,
      corners: [corner(c0, r1), corner(c0, r0), corner(c1, r0), corner(c1, r1)],
    };
  }

  /** Turn the rendered tiles into map layers according to the compare mode. */
  #publish(): void {
    const layers: Layer[] = [];
    const ordered = [...this.scenes].sort((a, b) => a.record.label.localeCompare(b.record.label));
    const tilesOf = (scene: Scene): ImageryTile[] =>
      [scene.base, scene.detail].filter((tile): tile is ImageryTile => tile !== null);
    const [first, second] = ordered;
    if (mapState.compare === 'side' && first && second) {
      layers.push(...imageryLayers(first.record.id, tilesOf(first), { opacity: this.opacity, view: 'left' }));
      layers.push(
        ...imageryLayers(second.record.id, tilesOf(second), { opacity: this.opacity, view: 'right' }),
      );
    } else if (mapState.compare === 'swipe' && first && second) {
      layers.push(...imageryLayers(first.record.id, tilesOf(first), { opacity: this.opacity }));
      layers.push(
        ...imageryLayers(second.record.id, tilesOf(second), {
          opacity: this.opacity,
          clipWest: mapState.swipeLongitude(),
        }),
      );
    } else {
      const shown = this.scenes.find((scene) => scene.record.id === this.selected) ?? ordered.at(-1);
      if (shown) layers.push(...imageryLayers(shown.record.id, tilesOf(shown), { opacity: this.opacity }));
    }
    mapState.setOverlay('imagery', layers);
  }

  /**
   * A chip of one scene around a lon/lat box (before/after comparison in review): a bitmap of `size`×`size`
   * pixels at most, and the box it actually covers (clamped to the image).
   */
  async chip(
    sceneId: string,
    box: Bounds,
    size: number,
  ): Promise<{ bitmap: ImageBitmap; box: Bounds } | null> {
    const scene = this.scenes.find((item) => item.record.id === sceneId);
    if (!scene) return null;
    const corners: [number, number][] = [
      scene.crs.fromLonLat(box[0], box[1]),
      scene.crs.fromLonLat(box[2], box[3]),
      scene.crs.fromLonLat(box[0], box[3]),
      scene.crs.fromLonLat(box[2], box[1]),
    ];
    const window = windowForView(corners, scene.info.transform, scene.info.width, scene.info.height);
    if (!window) return null;
    const display = this.#display(scene);
    const result = await renderWindow(sceneId, window, size, size, display, ++requestCounter);
    if (!result) return null;
    const [west, north] = scene.crs.toLonLat(...pixelToMap(scene.info.transform, window[0], window[1]));
    const [east, south] = scene.crs.toLonLat(...pixelToMap(scene.info.transform, window[2], window[3]));
    return { bitmap: result.bitmap, box: [west, south, east, north] };
  }

  /** Re-publish without re-rendering (swipe moved, compare mode changed). */
  republish(): void {
    this.#publish();
  }
}

export const scenes = new ScenesState();
