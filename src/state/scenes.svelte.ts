import type { Layer } from '@deck.gl/core';
import type { ProjectScopedRecord } from '../store/database.ts';
import { deleteRecord, listRecords, putRecord } from '../store/records.ts';
import { deleteProjectFile, readProjectFile } from '../store/opfs.ts';
import { deletePeriod, listPeriods, putPeriod, putSceneWithPeriod } from '../store/periods.ts';
import { getSetting, putSetting } from '../store/settings.ts';
import { compositeBands, guessRoles, type BandRole, type RoleSource } from '../core/display/band-roles.ts';
import { chooseByDate, sceneDate, type DateSource } from '../core/display/scene-dates.ts';
import { classifyRadiometry, type Radiometry } from '../core/display/radiometry.ts';
import { geodesicDistanceM } from '../core/geo/location.ts';
import { outputSize, pixelToMap, windowForView, type PixelWindow } from '../core/display/view-window.ts';
import { footprintLayers, imageryLayers, type ImageryTile } from '../map/imagery-layers.ts';
import type { ImageInfo, RenderResult } from '../../workers/imagery-api.ts';
import {
  bestScene,
  cloudShareFromMetadata,
  orderPeriods,
  type PeriodFields,
  type SceneStorage,
} from '../core/imagery/periods.ts';
import {
  checkAccess,
  DEFAULT_COPY_LIMIT_MB,
  FINGERPRINT_BYTES,
  fingerprintOf,
  readsInPlace,
  sameFile,
  type AccessState,
  type FileIdentity,
} from '../core/imagery/scene-access.ts';
import type { BBox } from '../core/geo/rings.ts';
import { imageryWorker } from './imagery-client.ts';
import { crsFunctions, type CrsFunctions } from './crs-bridge.ts';
import { mapState, type Bounds } from './map.svelte.ts';

/** The longest a newly added image's copy into OPFS waits for its first frame. */
const FIRST_FRAME_WAIT_MS = 3000;

/**
 * A scene (one date of imagery) as stored, in a period. Its file is either copied into OPFS (`opfsName`) or
 * read in place through `handle`, a File System Access handle kept in this IndexedDB record.
 */
export interface SceneRecord extends ProjectScopedRecord {
  schemaVersion: 2;
  label: string;
  fileName: string;
  /** The OPFS copy; '' for a scene read in place. */
  opfsName: string;
  size: number;
  periodId: string;
  storage: SceneStorage;
  /** The user's file, for a scene read in place. */
  handle?: FileSystemFileHandle;
  /** Size and header fingerprint of the file read in place: a restart or re-pick checks it is the same file. */
  fingerprint?: string;
  /** Cloud share 0..1 from the file's metadata; null or absent when unknown. */
  cloudShare?: number | null;
  /** Lon/lat box, kept so the map can outline a scene even while its file cannot be read. */
  footprint?: Bounds;
  acquiredOn: string | null;
  sensor: string;
  bandRoles: BandRole[];
  /** Where each role came from (absent on scenes stored before roles had sources). */
  roleSources?: RoleSource[];
  /** Where the acquisition date came from; 'user' once typed in the panel. */
  dateSource?: DateSource | 'user' | null;
  addedAt: string;
}

/** A period as held on the page. */
export type PeriodRecord = PeriodFields;

/** A scene stored with a handle that cannot be read now: why, so the panel can offer the way back. */
export interface BlockedScene {
  record: SceneRecord;
  state: Exclude<AccessState, 'granted'>;
}

/** Where a picked file goes: the period it joins, and the handle to read it in place when the browser gave one. */
export interface ScenePlacement {
  periodId?: string | undefined;
  handle?: FileSystemFileHandle | undefined;
}

/** The bits of the File System Access API that TypeScript's DOM library does not declare yet. */
interface PermissionHandle {
  queryPermission?(options: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(options: { mode: 'read' }): Promise<PermissionState>;
}
type OpenFilePicker = (options: {
  multiple?: boolean;
  types?: { description: string; accept: Record<string, string[]> }[];
}) => Promise<FileSystemFileHandle[]>;

/** The browser's file picker that gives handles, when it has one. */
export function openFilePicker(): OpenFilePicker | null {
  const picker = (globalThis as { showOpenFilePicker?: OpenFilePicker }).showOpenFilePicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : null;
}

/** Size and fingerprint of a file, from its first bytes only. */
export async function identify(file: Blob): Promise<FileIdentity> {
  const head = new Uint8Array(await file.slice(0, FINGERPRINT_BYTES).arrayBuffer());
  return { size: file.size, fingerprint: fingerprintOf(file.size, head) };
}

/** The stored handle of an in-place scene, checked: readable now, or why not. */
function access(record: SceneRecord, ask: boolean): ReturnType<typeof checkAccess<File>> {
  const handle = record.handle as (FileSystemFileHandle & PermissionHandle) | undefined;
  if (!handle) return Promise.resolve({ state: 'missing' });
  return checkAccess<File>(
    {
      permission: async () => {
        const query = ask ? handle.requestPermission : handle.queryPermission;
        // Handles without the permission calls (origin-private files) are always readable.
        return query ? query.call(handle, { mode: 'read' }) : 'granted';
      },
      file: () => handle.getFile(),
      identify,
    },
    { size: record.size, fingerprint: record.fingerprint ?? '' },
  );
}

const COPY_LIMIT_SETTING = 'imagery.copyLimitMb';

/** A scene opened for display. */
export interface Scene {
  record: SceneRecord;
  /** The file as read now: the OPFS copy or the user's file behind the handle. */
  file: Blob;
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

/** The project's imagery: periods of scenes, their display (composite, opacity) and rendering from the worker. */
class ScenesState {
  scenes = $state.raw<Scene[]>([]);
  periods = $state.raw<PeriodRecord[]>([]);
  /** Scenes read in place that cannot be read now (permission to ask again, file moved or replaced). */
  blocked = $state.raw<BlockedScene[]>([]);
  /** Files from this size (MB) on are read in place where the browser allows it; smaller ones are copied. */
  copyLimitMb = $state(DEFAULT_COPY_LIMIT_MB);
  /** The two periods detection compares (ids), chosen in the imagery panel. */
  pairPeriods = $state<{ t1: string | null; t2: string | null }>({ t1: null, t2: null });
  /** Periods made for scenes being added, stored with the scene's record (so a failed add leaves none). */
  #pendingPeriods = new Map<string, PeriodRecord>();
  composite = $state<'true' | 'false'>('true');
  opacity = $state(1);
  /** The scene shown in single mode. */
  selected = $state<string | null>(null);
  error = $state<string | null>(null);
  #pending = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Open every stored scene of a project: copies from OPFS, files read in place through their handle when the
   * browser still lets us read them. A scene that cannot be read is listed as blocked; the rest opens as usual.
   */
  async load(projectId: string): Promise<void> {
    this.clear();
    this.copyLimitMb = (await getSetting<number>(COPY_LIMIT_SETTING)) ?? DEFAULT_COPY_LIMIT_MB;
    // Scenes stored before periods were moved into periods of their own by the database upgrade (version 4).
    const records = await listRecords<SceneRecord>('scenes', projectId);
    this.periods = orderPeriods(await listPeriods(projectId));
    records.sort((a, b) => a.label.localeCompare(b.label));
    const blocked: BlockedScene[] = [];
    for (const record of records) {
      if (record.storage === 'in_place') {
        const result = await access(record, false);
        if (result.state === 'granted') await this.#open(record, result.file);
        else blocked.push({ record, state: result.state });
      } else await this.#open(record, await readProjectFile(projectId, record.opfsName));
    }
    this.blocked = blocked;
    this.selected = this.scenes.at(-1)?.record.id ?? null;
    this.#defaultPair();
    this.refresh();
  }

  clear(): void {
    for (const scene of this.scenes) void imageryWorker().close(scene.record.id);
    this.scenes = [];
    this.periods = [];
    this.blocked = [];
    this.pairPeriods = { t1: null, t2: null };
    this.#pendingPeriods.clear();
    this.selected = null;
    mapState.removeOverlay('imagery');
    mapState.removeOverlay('footprints');
  }

  /** The file of a scene as it is read now (OPFS copy or the user's file), for detection and the assessment. */
  fileOf(id: string): Blob | null {
    return this.scenes.find((scene) => scene.record.id === id)?.file ?? null;
  }

  /** Keep the copy limit (MB) for this device. */
  async setCopyLimit(mb: number): Promise<void> {
    await putSetting(COPY_LIMIT_SETTING, mb);
    this.copyLimitMb = mb;
  }

  /** Create an empty period (label and range already checked). */
  async addPeriod(
    projectId: string,
    label: string,
    start: string | null,
    end: string | null,
  ): Promise<PeriodRecord> {
    const period: PeriodRecord = {
      id: crypto.randomUUID(),
      projectId,
      schemaVersion: 1,
      label: label.trim(),
      start,
      end,
      createdAt: new Date().toISOString(),
    };
    await putPeriod(period);
    this.periods = orderPeriods([...this.periods, period]);
    this.#defaultPair();
    return period;
  }

  async updatePeriod(period: PeriodRecord): Promise<void> {
    await putPeriod(period);
    this.periods = orderPeriods(this.periods.map((item) => (item.id === period.id ? period : item)));
  }

  /** Remove a period that holds no scene (a period with scenes keeps them: move or remove those first). */
  async removePeriod(id: string): Promise<void> {
    const used = [...this.scenes, ...this.blocked].some((item) => item.record.periodId === id);
    if (used) return;
    await deletePeriod(id);
    this.periods = this.periods.filter((period) => period.id !== id);
    if (this.pairPeriods.t1 === id || this.pairPeriods.t2 === id) this.pairPeriods = { t1: null, t2: null };
    this.#defaultPair();
  }

  /** Move a scene to another period. */
  async moveScene(id: string, periodId: string): Promise<void> {
    const scene = this.scenes.find((item) => item.record.id === id);
    if (scene) await this.update({ ...scene.record, periodId });
    this.#defaultPair();
  }

  /**
   * The period a new scene joins: the one asked for, else the one whose range holds its date, else the one
   * named like its date (or label, when undated); otherwise a new period of that name, stored with the scene.
   */
  #periodFor(projectId: string, label: string, acquiredOn: string | null, asked?: string): string {
    if (asked && this.periods.some((period) => period.id === asked)) return asked;
    const dated = acquiredOn
      ? this.periods.find((p) => p.start && p.end && p.start <= acquiredOn && acquiredOn <= p.end)
      : undefined;
    const name = acquiredOn ?? label;
    const named = this.periods.find((period) => period.label === name);
    const found = dated ?? named;
    if (found) return found.id;
    const period: PeriodRecord = {
      id: crypto.randomUUID(),
      projectId,
      schemaVersion: 1,
      // Named by the scene's date: T1/T2 labels follow dates and may swap, a period's name should not.
      label: name,
      start: acquiredOn,
      end: acquiredOn,
      createdAt: new Date().toISOString(),
    };
    this.#pendingPeriods.set(period.id, period);
    this.periods = orderPeriods([...this.periods, period]);
    return period.id;
  }

  /** Store a new scene's record, with its period when that is new too (one transaction). */
  async save(record: SceneRecord): Promise<void> {
    const period = this.#pendingPeriods.get(record.periodId) ?? null;
    await putSceneWithPeriod(record as ProjectScopedRecord, period);
    this.#pendingPeriods.delete(record.periodId);
    this.#defaultPair();
  }

  /**
   * Default detection periods: the first and the last period holding a readable scene; with only one such
   * period, the latest other period (the panel then says it has no readable imagery).
   */
  #defaultPair(): void {
    const filled = this.periods.filter((period) => this.scenes.some((s) => s.record.periodId === period.id));
    const known = new Set(this.periods.map((period) => period.id));
    const { t1, t2 } = this.pairPeriods;
    if (t1 && t2 && t1 !== t2 && known.has(t1) && known.has(t2)) return;
    const first = filled[0]?.id ?? this.periods[0]?.id ?? null;
    const last =
      filled.length > 1 ? filled.at(-1)?.id : this.periods.findLast((period) => period.id !== first)?.id;
    this.pairPeriods = { t1: first, t2: last ?? null };
  }

  /**
   * The scene detection uses in a period: the one covering the most red-line extent with the least cloud
   * (red lines given as their features' boxes).
   */
  sceneForPeriod(periodId: string | null, redlineBoxes: readonly BBox[]): Scene | null {
    if (!periodId) return null;
    const inPeriod = this.scenes.filter((scene) => scene.record.periodId === periodId);
    const best = bestScene(
      inPeriod.map((scene) => ({
        id: scene.record.id,
        bounds: scene.bounds,
        cloudShare: scene.record.cloudShare ?? null,
        acquiredOn: scene.record.acquiredOn,
      })),
      redlineBoxes,
    );
    return inPeriod.find((scene) => scene.record.id === best?.id) ?? null;
  }

  /** Ask again for permission to read a scene in place (must run in a click: the browser asks the user). */
  async regrant(id: string): Promise<AccessState> {
    const blocked = this.blocked.find((item) => item.record.id === id);
    if (!blocked) return 'granted';
    const result = await access(blocked.record, true);
    return this.#settle(blocked.record, result.state === 'granted' ? result.file : null, result.state);
  }

  /**
   * Point a blocked scene at a file picked again; refused ('changed') unless it is the same file (size and
   * header fingerprint). The record keeps everything else.
   */
  async repick(id: string, handle: FileSystemFileHandle): Promise<AccessState> {
    const blocked = this.blocked.find((item) => item.record.id === id);
    if (!blocked) return 'granted';
    const file = await handle.getFile();
    const found = await identify(file);
    if (!sameFile({ size: blocked.record.size, fingerprint: blocked.record.fingerprint ?? '' }, found))
      return 'changed';
    return this.#settle({ ...blocked.record, handle, fileName: file.name }, file, 'granted');
  }

  async #settle(record: SceneRecord, file: File | null, state: AccessState): Promise<AccessState> {
    if (state !== 'granted' || !file) {
      const why = state === 'granted' ? 'missing' : state;
      this.blocked = this.blocked.map((item) =>
        item.record.id === record.id ? { record, state: why } : item,
      );
      return why;
    }
    await putRecord('scenes', record);
    await this.#open(record, file);
    this.blocked = this.blocked.filter((item) => item.record.id !== record.id);
    this.#defaultPair();
    this.refresh();
    return state;
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
    placement: ScenePlacement = {},
  ): Promise<Scene> {
    const id = crypto.randomUUID();
    const inPlace = readsInPlace(file.size, placement.handle !== undefined, this.copyLimitMb);
    const opfsName = inPlace ? '' : `scene-${id}.tif`;
    const opened = performance.now();
    const probe = await imageryWorker().open(id, file);
    // In DevTools → Performance, with imagery:render: where the wait for a picked image's first frame goes.
    performance.measure('imagery:open', { start: opened, end: performance.now() });
    const dated = sceneDate({ metadata: probe.metadata, tiffDateTime: probe.tiffDateTime, fileName });
    const date = acquiredOn ?? dated?.date ?? null;
    const record: SceneRecord = {
      schemaVersion: 2,
      id,
      projectId,
      label,
      fileName,
      opfsName,
      size: file.size,
      periodId: this.#periodFor(projectId, label, date, placement.periodId),
      storage: inPlace ? 'in_place' : 'copied',
      ...(inPlace ? { handle: placement.handle, fingerprint: (await identify(file)).fingerprint } : {}),
      cloudShare: cloudShareFromMetadata(probe.metadata),
      acquiredOn: date,
      // A date given by the caller (the sample's project file) that the file itself confirms keeps the file's source.
      dateSource: acquiredOn && acquiredOn !== dated?.date ? 'user' : (dated?.source ?? null),
      ...rolesFromHeader(probe),
      addedAt: new Date().toISOString(),
    };
    const scene = await this.#open(record, file, probe);
    record.footprint = scene.bounds;
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
    const record =
      this.scenes.find((item) => item.record.id === id)?.record ??
      this.blocked.find((item) => item.record.id === id)?.record;
    await deleteRecord('scenes', id);
    // A scene read in place has no copy: the user's own file is never touched.
    if (record?.opfsName) await deleteProjectFile(record.projectId, record.opfsName);
    void imageryWorker().close(id);
    this.scenes = this.scenes.filter((scene) => scene.record.id !== id);
    this.blocked = this.blocked.filter((item) => item.record.id !== id);
    // A period made for this scene and never stored goes with it.
    if (record && this.#pendingPeriods.delete(record.periodId))
      this.periods = this.periods.filter((period) => period.id !== record.periodId);
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
      file,
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
    this.#publishFootprints();
  }

  /** Every scene's outline with its date (scenes that cannot be read now in grey, from their last box). */
  #publishFootprints(): void {
    const footprints = this.scenes.map((scene) => ({
      id: scene.record.id,
      bounds: scene.bounds,
      text: scene.record.acquiredOn ?? scene.record.fileName,
      readable: true,
    }));
    for (const { record } of this.blocked)
      if (record.footprint)
        footprints.push({
          id: record.id,
          bounds: record.footprint,
          text: record.acquiredOn ?? record.fileName,
          readable: false,
        });
    mapState.setOverlay('footprints', footprintLayers(footprints));
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
