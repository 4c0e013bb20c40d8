/**
 * Applying a verified case bundle to the open project: the events the preview found new (union by id, so a
 * second import adds nothing), and — when asked — the bundle's project settings, reference layers, detection
 * runs and photo files. Verification and planning happened in the export worker before any of this runs.
 */
import type { LedgerEvent, ProjectSettings } from '../core/model.ts';
import type { CatalogEvent } from '../core/catalog-events.ts';
import type { Notebook } from '../core/notebook/model.ts';
import type { BundleAccepted } from '../../workers/export-api.ts';
import { BundleApplyError, type ApplyOptions, type ApplyResult } from '../state/bundle-import.ts';

/** What applying needs of the open project. */
export interface BundleImportPorts {
  projectId(): string | null;
  /** Ids of the events the project has now. */
  eventIds(): Iterable<string>;
  settings(): ProjectSettings;
  saveSettings(settings: ProjectSettings): Promise<unknown>;
  adoptEvents(events: readonly LedgerEvent[]): Promise<unknown>;
  /** Ids of the code-table edits the project has now. */
  catalogEventIds(): Iterable<string>;
  adoptCatalogEvents(events: readonly CatalogEvent[]): Promise<unknown>;
  addLayers(projectId: string, accepted: BundleAccepted): Promise<number>;
  addRuns(projectId: string, runs: readonly Record<string, unknown>[]): Promise<number>;
  addPhotos(projectId: string, events: readonly LedgerEvent[], accepted: BundleAccepted): Promise<number>;
  adoptNotebooks(projectId: string, notebooks: readonly Notebook[]): Promise<number>;
  /** Show the cases as they are now. */
  publish(): void;
}

/**
 * Apply an accepted bundle. Settings are saved first so the cases fold and their due dates use them; if writing
 * the events fails, the previous settings are put back, so the project is as before.
 */
export async function applyBundle(
  ports: BundleImportPorts,
  accepted: BundleAccepted,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const projectId = ports.projectId();
  if (!projectId) throw new BundleApplyError('no_project: no project is open');
  const present = new Set<string>(ports.eventIds());
  // The user may have acted (or imported) since the preview: adopt only what is still missing.
  const fresh = accepted.plan.added.filter((e) => !present.has(e.id));
  const knownCodes = new Set<string>(ports.catalogEventIds());
  const freshCodes = accepted.catalogEvents.filter((e) => !knownCodes.has(e.id));
  const previous = ports.settings();
  if (options.settings) await ports.saveSettings(accepted.project.settings);
  try {
    await ports.adoptEvents(fresh);
  } catch (error) {
    if (options.settings) await ports.saveSettings(previous).catch(() => undefined);
    throw new BundleApplyError('events_not_written', { cause: error });
  }
  // The colleague's code-table edits: the catalog folds them in id order, so both offices see the same labels.
  if (freshCodes.length > 0)
    try {
      await ports.adoptCatalogEvents(freshCodes);
    } catch (error) {
      throw new BundleApplyError('code_tables_not_written', { cause: error });
    }
  const result: ApplyResult = {
    events: fresh.length,
    settings: options.settings,
    layers: options.layers ? await ports.addLayers(projectId, accepted) : 0,
    runs: await ports.addRuns(projectId, accepted.runs),
    photos: await ports.addPhotos(projectId, fresh, accepted),
    notebooks: options.notebooks ? await ports.adoptNotebooks(projectId, accepted.notebooks) : 0,
    codes: freshCodes.length,
  };
  ports.publish();
  return result;
}

/** The screen of the import: the previewed bundle, the project it was checked for, the last result. */
export interface ImportScreen {
  accepted: BundleAccepted | null;
  checkedFor: string | null;
  result: ApplyResult | null;
}

/** How the apply is reported: a status-bar job and notices. */
export interface ImportReport {
  start(): { done(): void; fail(error: unknown): void };
  imported(result: ApplyResult): void;
  failed(error: unknown): void;
}

/** Write what the preview showed (only events still missing); the preview must be of the open project. */
export async function applyPreviewedBundle(
  screen: ImportScreen,
  ports: BundleImportPorts,
  report: ImportReport,
  options: ApplyOptions,
): Promise<void> {
  const accepted = screen.accepted;
  if (!accepted || screen.checkedFor !== ports.projectId()) {
    screen.accepted = null;
    return;
  }
  const job = report.start();
  try {
    screen.result = await applyBundle(ports, accepted, options);
    screen.accepted = null;
    job.done();
    report.imported(screen.result);
  } catch (error) {
    job.fail(error);
    report.failed(error);
  }
}
