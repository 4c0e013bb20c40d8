import * as Comlink from 'comlink';
import { findEntry, type Catalog } from '../src/core/catalog.ts';
import { foldCatalog } from '../src/core/catalog-events.ts';
import { caseStates, foldLedger, groupByCase } from '../src/core/case/ledger.ts';
import {
  buildAnnex,
  buildLetters3,
  buildLetters5,
  provincesOf,
  type LetterOptions,
} from '../src/core/case/annex.ts';
import { dueDates } from '../src/core/case/due-dates.ts';
import { buildControlZoneList } from '../src/core/case/control-zone-list.ts';
import { BundleError, DEFAULT_LIMITS } from '../src/core/bundle/manifest.ts';
import { openBundle } from '../src/core/bundle/verify.ts';
import {
  CATALOG_PATH,
  catalogToJsonl,
  planBundleImport,
  readBundleContents,
} from '../src/core/bundle/contents.ts';
import { storedLayerFeatures } from '../src/io/stored-layer-read.ts';
import {
  blobOf,
  bundleFileName,
  DOCX_TYPE as DOCX,
  featureName,
  safeName,
  sheetFileName,
  sheetsZipName,
  XLSX_TYPE as XLSX,
} from '../src/io/export-naming.ts';
import { ChunkFolder, storedZip } from '../src/io/zip-fold.ts';
import { manifestData, planData, projectData, runRecords } from '../src/io/bundle-summary.ts';
import type { CaseState, LedgerEvent } from '../src/core/model.ts';
import type { CaseId } from '../src/core/ids.ts';
import type { Areal } from '../src/core/geo/rings.ts';
import { writeAnnexXlsx } from '../src/io/xlsx-annex.ts';
import { annexToCsvBytes } from '../src/io/csv-annex.ts';
import { writeLetterDocx } from '../src/io/docx-letters.ts';
import { buildYearlyReport } from '../src/core/case/yearly-report.ts';
import { writeYearlyReportDocx } from '../src/io/docx-yearly-report.ts';
import { annexFiles, blobSource, writeBundle, type BundleFile } from '../src/io/zip-bundle.ts';
import {
  casesInScope,
  casesToGeoJson,
  casesToGeoParquet,
  featuresToGeoParquet,
  geoJsonBytes,
  patchOverlaps,
  type OverlapLayer,
} from '../src/io/geo-export.ts';
import { writeVerificationSheetDocx } from '../src/io/verification-sheet.ts';
import { casesToShapefileZip } from '../src/io/shapefile-export.ts';
import { isNotebookPath, readBundleNotebooks } from '../src/core/bundle/notebooks.ts';
import {
  bundleLayerPath,
  CANCELLED,
  RUNS_PATH,
  kindOfLayerPath,
  overlapKindOf,
  type BundleAccepted,
  type ExportApi,
  type ExportedFile,
  type ExportLayer,
  type ExportRequest,
  type LedgerInput,
} from './export-api.ts';
import { cancellableJobs } from './cancellable-jobs.ts';

type Progress = (share: number | null, message: string) => void;
const jobs = cancellableJobs();

function check(signal: AbortSignal): void {
  if (signal.aborted) throw new Error(`${CANCELLED}: cancelled by the user`);
}

async function overlapLayers(layers: readonly ExportLayer[]): Promise<OverlapLayer[]> {
  const out: OverlapLayer[] = [];
  for (const layer of layers) {
    const kind = overlapKindOf(layer.kind);
    if (!kind) continue;
    const features = (await storedLayerFeatures(layer.file)).flatMap((f, i) =>
      f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon'
        ? [{ name: featureName(f.properties, i), geometry: f.geometry as Areal }]
        : [],
    );
    out.push({ kind, name: layer.name, features });
  }
  return out;
}

/** The letter options of an export request (only what the panel set). */
const letterOptions = (request: Extract<ExportRequest, { kind: 'letters' }>): LetterOptions => ({
  date: request.date,
  ...(request.recipientLevel ? { recipientLevel: request.recipientLevel } : {}),
  ...(request.addressees ? { addressees: request.addressees } : {}),
  ...(request.signature?.trim() ? { signature: request.signature } : {}),
});

/** Provincial units the lists are made for: those of the cases, else the project's own. */
const provinces = (cases: readonly CaseState[], own: string): string[] => {
  const found = provincesOf(cases, own);
  return found.length > 0 ? found : [own];
};

async function build(
  ledger: LedgerInput,
  request: ExportRequest,
  catalog: Catalog,
  signal: AbortSignal,
  progress: Progress,
): Promise<ExportedFile[]> {
  const { settings } = ledger;
  const cases = caseStates(ledger.events);
  const files: ExportedFile[] = [];
  switch (request.kind) {
    case 'list':
      for (const province of provinces(cases, settings.province.name)) {
        check(signal);
        const table = buildAnnex(request.annex, cases, settings, catalog, { province });
        const name = safeName(`附件${request.annex}_${table.title}`);
        files.push(
          request.format === 'xlsx'
            ? { name: `${name}.xlsx`, blob: blobOf(await writeAnnexXlsx([table]), XLSX) }
            : { name: `${name}.csv`, blob: blobOf(annexToCsvBytes(table), 'text/csv;charset=utf-8') },
        );
      }
      return files;
    case 'control_zone_list':
      for (const province of provinces(cases, settings.province.name)) {
        check(signal);
        const table = buildControlZoneList(cases, settings, catalog, province);
        const name = safeName(table.title);
        files.push(
          request.format === 'xlsx'
            ? { name: `${name}.xlsx`, blob: blobOf(await writeAnnexXlsx([table]), XLSX) }
            : { name: `${name}.csv`, blob: blobOf(annexToCsvBytes(table), 'text/csv;charset=utf-8') },
        );
      }
      return files;
    case 'letters': {
      const letters =
        request.annex === 3
          ? buildLetters3(
              cases,
              settings,
              catalog,
              letterOptions(request),
              (c) => dueDates(c, settings).feedback,
            )
          : buildLetters5(cases, settings, catalog, letterOptions(request));
      for (const [i, letter] of letters.entries()) {
        check(signal);
        progress(i / letters.length, letter.key);
        // The file is named after its addressee (the unit a 附件3 letter goes to, or the department).
        const to =
          request.annex === 3
            ? (letter.key.split('/').at(-1) ?? letter.key)
            : (findEntry(catalog, 'departments', letter.key)?.organ ?? letter.key);
        files.push({
          name: safeName(`附件${request.annex}_${to}_${letter.title}.docx`),
          blob: blobOf(await writeLetterDocx(letter), DOCX),
        });
      }
      return files;
    }
    case 'geo': {
      const chosen = casesInScope(cases, request.scope);
      const stem = safeName(`${ledger.projectName}_${request.scope === 'cases' ? '问题' : '图斑'}_EPSG4490`);
      return [
        request.format === 'geojson'
          ? {
              name: `${stem}.geojson`,
              blob: blobOf(geoJsonBytes(casesToGeoJson(chosen, settings, catalog)), 'application/geo+json'),
            }
          : {
              name: `${stem}.parquet`,
              blob: blobOf(casesToGeoParquet(chosen, settings, catalog), 'application/vnd.apache.parquet'),
            },
      ];
    }
    case 'shapefile': {
      const chosen = casesInScope(cases, request.scope);
      const what = request.scope === 'cases' ? 'cases' : 'patches';
      const zip = casesToShapefileZip(chosen, settings, catalog, {
        encoding: request.encoding,
        crs: request.crs,
        baseName: `redline_${what}`,
      });
      const label = request.scope === 'cases' ? '问题' : '图斑';
      const stem = safeName(
        `${ledger.projectName}_${label}_EPSG${zip.code}_${request.encoding.toUpperCase()}`,
      );
      return [
        {
          name: `${stem}.shp.zip`,
          blob: blobOf(zip.bytes, 'application/zip'),
          ...(Object.keys(zip.truncated).length > 0 ? { truncated: { ...zip.truncated } } : {}),
        },
      ];
    }
    case 'yearly-report': {
      const report = buildYearlyReport(request.year, cases, settings, catalog, request.today);
      return [
        { name: safeName(`${report.title}.docx`), blob: blobOf(await writeYearlyReportDocx(report), DOCX) },
      ];
    }
    case 'sheets':
      return sheets(ledger, request, catalog, signal, progress);
    case 'bundle':
      return bundle(ledger, request, catalog, signal, progress);
  }
}

async function sheets(
  ledger: LedgerInput,
  request: Extract<ExportRequest, { kind: 'sheets' }>,
  catalog: Catalog,
  signal: AbortSignal,
  progress: Progress,
): Promise<ExportedFile[]> {
  const folds = foldLedger(ledger.events);
  const byCase = groupByCase(ledger.events);
  const layers = await overlapLayers(request.layers);
  const files: ExportedFile[] = [];
  for (const [i, sheet] of request.sheets.entries()) {
    check(signal);
    progress(i / request.sheets.length, sheet.caseId);
    const fold = folds.get(sheet.caseId as CaseId);
    if (!fold?.state) continue;
    const geometry = fold.state.patch.geometry;
    const bytes = await writeVerificationSheetDocx({
      state: fold.state,
      events: byCase.get(fold.caseId) ?? [],
      catalog,
      areaDecimals: ledger.settings.areaDecimals,
      projectName: ledger.projectName,
      date: request.date,
      chips: sheet.chips,
      overlaps: layers.length > 0 && geometry ? patchOverlaps(geometry, layers) : null,
      ...(sheet.run ? { run: sheet.run } : {}),
      photos: sheet.photos,
    });
    files.push({ name: sheetFileName(sheet.caseId), blob: blobOf(bytes, DOCX) });
  }
  return files.length > 1 ? [await sheetsZip(files, request.date)] : files;
}

/** Several sheets as one zip (one download, not one per sheet); DOCX is compressed already, so stored. */
async function sheetsZip(files: readonly ExportedFile[], date: string): Promise<ExportedFile> {
  return { name: sheetsZipName(files.length, date), blob: blobOf(await storedZip(files), 'application/zip') };
}

async function bundle(
  ledger: LedgerInput,
  request: Extract<ExportRequest, { kind: 'bundle' }>,
  catalog: Catalog,
  signal: AbortSignal,
  progress: Progress,
): Promise<ExportedFile[]> {
  const { events, settings } = ledger;
  progress(null, 'lists');
  const catalogEvents = ledger.catalogEvents ?? [];
  const all: BundleFile[] = [
    // The code-table edits travel with the log, so the receiver labels the codes the same way.
    ...(catalogEvents.length > 0
      ? [{ path: CATALOG_PATH, bytes: new TextEncoder().encode(catalogToJsonl(catalogEvents)) }]
      : []),
    ...(await annexFiles(events, settings, catalog, request.date)),
    {
      path: 'patches.geojson',
      title: '图斑',
      bytes: geoJsonBytes(casesToGeoJson(casesInScope(caseStates(events), 'patches'), settings, catalog)),
    },
    ...request.layers.map((layer, i) => ({
      path: bundleLayerPath(layer.kind, i),
      title: layer.name,
      bytes: async () => featuresToGeoParquet(await storedLayerFeatures(layer.file)),
    })),
    ...request.extras.map((extra) => ({
      path: extra.path,
      ...(extra.title ? { title: extra.title } : {}),
      bytes: async () => new Uint8Array(await extra.blob.arrayBuffer()),
    })),
  ];
  async function* files(): AsyncGenerator<BundleFile> {
    for (const [i, file] of all.entries()) {
      check(signal);
      progress(i / all.length, file.path);
      yield file;
    }
  }
  const zip = new ChunkFolder();
  await writeBundle(
    {
      appVersion: request.appVersion,
      created: new Date(),
      creator: request.creator,
      project: { id: ledger.projectId, name: ledger.projectName, settings },
    },
    events,
    files(),
    (chunk) => zip.push(chunk),
  );
  return [{ name: bundleFileName(ledger.projectName, request.date), blob: zip.finish('application/zip') }];
}

async function checkBundle(
  file: Blob,
  local: LedgerEvent[],
  localProjectId: string,
  signal: AbortSignal,
  progress: Progress,
): Promise<BundleAccepted> {
  const opened = await openBundle(blobSource(file), DEFAULT_LIMITS, (done, total, path) => {
    check(signal);
    progress(done / total, path);
  });
  const contents = await readBundleContents(opened);
  const plan = planBundleImport(local, contents, localProjectId);
  const layers: BundleAccepted['layers'] = [];
  const photos: BundleAccepted['photos'] = [];
  const notebooks = await readBundleNotebooks(opened, localProjectId);
  for (const entry of opened.entries) {
    if (isNotebookPath(entry.path)) continue;
    const kind = kindOfLayerPath(entry.path);
    if (kind)
      layers.push({
        kind,
        name: entry.title ?? entry.path,
        path: entry.path,
        blob: blobOf(await opened.read(entry.path), entry.mediaType),
      });
    else if (entry.path.startsWith('photos/'))
      photos.push({ path: entry.path, blob: blobOf(await opened.read(entry.path), entry.mediaType) });
  }
  let runs: unknown = [];
  if (opened.entries.some((e) => e.path === RUNS_PATH))
    try {
      runs = JSON.parse(await opened.readText(RUNS_PATH)) as unknown;
    } catch (error) {
      throw new BundleError('bad_entry', `${RUNS_PATH}: ${String(error)}`, { cause: error });
    }
  return {
    ok: true,
    plan: planData(plan),
    project: projectData(contents),
    manifest: manifestData(contents),
    layers,
    photos,
    notebooks,
    runs: runRecords(runs),
    catalogEvents: [...contents.catalogEvents],
  };
}

const api: ExportApi = {
  build(jobId, ledger, request, onProgress) {
    // The labels in effect: defaults, old settings overrides, then the project's code-table edits.
    const catalog = foldCatalog(ledger.catalogEvents ?? [], ledger.settings.catalog).catalog;
    return jobs.run(jobId, (signal) => build(ledger, request, catalog, signal, onProgress));
  },

  checkBundle(jobId, file, local, localProjectId, onProgress) {
    return jobs.run(jobId, async (signal) => {
      try {
        return await checkBundle(file, local, localProjectId, signal, onProgress);
      } catch (error) {
        // A refusal is data (its code and both messages survive the worker boundary); anything else is a bug.
        if (!(error instanceof BundleError)) throw error;
        return {
          ok: false,
          code: error.code,
          detail: error.detail,
          message: { zh: error.userMessage('zh'), en: error.userMessage('en') },
        };
      }
    });
  },

  cancel(jobId) {
    jobs.cancel(jobId);
  },
};

Comlink.expose(api);
