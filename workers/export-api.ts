import type { CatalogEvent } from '../src/core/catalog-events.ts';
import type { LedgerEvent, ProjectSettings } from '../src/core/model.ts';
import type { CaseChange, FieldConflict } from '../src/core/case/merge.ts';
import type { GeoScope, OverlapKind } from '../src/io/geo-export.ts';
import type { RecipientLevel } from '../src/core/case/annex.ts';
import type { ShapefileCrs } from '../src/core/geo/crs-prj.ts';
import type { ShapefileEncoding } from '../src/io/shapefile-export.ts';
import type { SheetImage, SheetRun } from '../src/io/verification-sheet.ts';
import type { Notebook } from '../src/core/notebook/model.ts';

/** One file the worker made, named as the user will see it in the download. */
export interface ExportedFile {
  name: string;
  blob: Blob;
  /** Shapefile: text values cut to the DBF's 254 bytes, by field (the page says so in words). */
  truncated?: Record<string, number>;
}

/** The ledger an export is made from (the whole log: the worker folds it itself). */
export interface LedgerInput {
  events: LedgerEvent[];
  /** The project's code-table edits: exports label codes with the catalog they fold to. */
  catalogEvents?: CatalogEvent[];
  settings: ProjectSettings;
  projectId: string;
  projectName: string;
}

/** A reference layer as stored in OPFS (its Arrow `feature` rows, or GeoJSON if stored earlier), read in the worker. */
export interface ExportLayer {
  kind: 'redline' | 'control_zone' | 'reserve' | 'admin' | 'other';
  name: string;
  file: Blob;
}

/** Per case of a verification-sheet request: what only the main thread can give (chips, photos, run record). */
export interface SheetRequest {
  caseId: string;
  chips: SheetImage[];
  photos: SheetImage[];
  run?: SheetRun;
}

/** Extra entries of a bundle made on the main thread (chip PNGs) or read from OPFS (photos). */
export interface BundleExtra {
  path: string;
  blob: Blob;
  title?: string;
}

export type ExportRequest =
  | { kind: 'list'; annex: 1 | 2 | 4; format: 'xlsx' | 'csv' }
  | {
      kind: 'letters';
      annex: 3 | 5;
      date: string;
      /** 附件3: which governments the letters go to (default: the level below the project's sender). */
      recipientLevel?: RecipientLevel;
      /** Addressee per letter key, as edited in the export panel. */
      addressees?: Record<string, string>;
      /** Signature of this export (default: the project's). */
      signature?: string;
    }
  /** The yearly supervision report of `year`, its counts taken on `today` (or the year's last day). */
  | { kind: 'yearly-report'; year: number; today: string }
  /** 生态空间管控区域 findings: 附件1 columns, their own title, never in 附件1–5. */
  | { kind: 'control_zone_list'; format: 'xlsx' | 'csv' }
  | { kind: 'geo'; format: 'geojson' | 'geoparquet'; scope: GeoScope }
  | { kind: 'shapefile'; scope: GeoScope; encoding: ShapefileEncoding; crs: ShapefileCrs }
  | { kind: 'sheets'; date: string; sheets: SheetRequest[]; layers: ExportLayer[] }
  | {
      kind: 'bundle';
      appVersion: string;
      creator: { actor: string; device: string };
      /** `YYYY-MM-DD`: letters inside the bundle are dated so. */
      date: string;
      layers: ExportLayer[];
      extras: BundleExtra[];
    };

/** What importing a verified bundle would change (nothing is written by the worker). */
export interface ImportPlanData {
  incoming: number;
  /** Events to adopt, already validated. */
  added: LedgerEvent[];
  alreadyPresent: number;
  /** Events whose id exists with different content (kept: the smaller canonical JSON). */
  collisions: number;
  cases: CaseChange[];
  conflicts: FieldConflict[];
  sameProject: boolean;
  from: { project: string; actor: string; created: string };
}

/** A reference layer carried by a bundle (`layers/<kind>-NN.parquet`, title = its name). */
export interface BundleLayer {
  kind: ExportLayer['kind'];
  name: string;
  path: string;
  blob: Blob;
}

/** A bundle that passed every check, with its import plan. */
export interface BundleAccepted {
  ok: true;
  plan: ImportPlanData;
  project: { id: string; name: string; settings: ProjectSettings };
  manifest: { appVersion: string; created: string; actor: string; device: string; entries: number };
  layers: BundleLayer[];
  /** Photo entries (`photos/…`), for evidence files the log refers to. */
  photos: { path: string; blob: Blob }[];
  /** Detection run records (`runs.json`), when the bundle has them. */
  runs: Record<string, unknown>[];
  /** The project's notebooks (`notebooks/NN.rnb.json`), checked against the notebook schema; never run on import. */
  notebooks: Notebook[];
  /** The bundle's code-table edits (`catalog.jsonl`), validated; applied by id, so twice is once. */
  catalogEvents: CatalogEvent[];
}

/** Optional entry with the project's detection run records (JSON array). */
export const RUNS_PATH = 'runs.json';

/** A refused bundle: BundleError code, its zh/en message and the technical detail. */
export interface BundleRefused {
  ok: false;
  code: string;
  detail: string;
  message: { zh: string; en: string };
}

/** The export and exchange worker (workers/export.worker.ts): XLSX, DOCX, GIS files and case bundles. */
export interface ExportApi {
  build(
    jobId: number,
    ledger: LedgerInput,
    request: ExportRequest,
    onProgress: (share: number | null, message: string) => void,
  ): Promise<ExportedFile[]>;
  /** Verify a bundle (every hash) and plan its import against the local log. */
  checkBundle(
    jobId: number,
    file: Blob,
    local: LedgerEvent[],
    localProjectId: string,
    onProgress: (share: number | null, message: string) => void,
  ): Promise<BundleAccepted | BundleRefused>;
  cancel(jobId: number): void;
}

/** Thrown (as a message prefix across the worker boundary) when a job was cancelled. */
export const CANCELLED = 'export_cancelled';

/** The entry path of a bundle layer, and its kind read back from the path. */
export const bundleLayerPath = (kind: ExportLayer['kind'], index: number): string =>
  `layers/${kind}-${String(index + 1).padStart(2, '0')}.parquet`;
export const kindOfLayerPath = (path: string): ExportLayer['kind'] | null => {
  const kind = /^layers\/([a-z_]+)-\d+\.parquet$/.exec(path)?.[1];
  return kind && ['redline', 'control_zone', 'reserve', 'admin', 'other'].includes(kind)
    ? (kind as ExportLayer['kind'])
    : null;
};
/** OverlapKind of a layer kind, or null when such layers take no part in overlap tables. */
export const overlapKindOf = (kind: ExportLayer['kind']): OverlapKind | null =>
  kind === 'redline' || kind === 'reserve' || kind === 'admin' ? kind : null;
