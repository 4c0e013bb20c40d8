/**
 * What a bundle carries for the ledger: `project.json` (project id, name, settings), `events.jsonl` (the
 * event log, one event per line in id order) and, when the project edited its code tables, `catalog.jsonl`
 * (those edits, same layout); reading them back (with migrations) and planning an import.
 */
import { z } from 'zod';
import { canonicalOrder } from '../case/ledger.ts';
import { previewImport, type ImportPreview } from '../case/merge.ts';
import { parseCatalogEvent, type CatalogEvent } from '../catalog-events.ts';
import { parseEvent, parseSettings, type LedgerEvent, type ProjectSettings } from '../model.ts';
import { BundleError, BUNDLE_FORMAT_VERSION, type Manifest } from './manifest.ts';
import { migrateBundle, type BundleMigration, BUNDLE_MIGRATIONS } from './migrate.ts';
import type { VerifiedBundle } from './verify.ts';

export const PROJECT_PATH = 'project.json';
export const EVENTS_PATH = 'events.jsonl';
/** Optional: the project's code-table edits (`catalog_changed`), one per line in id order. */
export const CATALOG_PATH = 'catalog.jsonl';

export const PROJECT_FILE_VERSION = 1;
const ProjectFileSchema = z.object({
  schemaVersion: z.literal(PROJECT_FILE_VERSION),
  id: z.string().min(1),
  name: z.string(),
  settings: z.unknown(),
});
export interface ProjectFile {
  readonly schemaVersion: typeof PROJECT_FILE_VERSION;
  readonly id: string;
  readonly name: string;
  readonly settings: ProjectSettings;
}

/** The log as JSONL: one event per line, in id order, so equal logs give equal files. */
export function eventsToJsonl(events: Iterable<LedgerEvent>): string {
  return canonicalOrder(events)
    .map((e) => JSON.stringify(e))
    .join('\n')
    .concat('\n');
}

/** The code-table edits as JSONL, in id order (equal logs give equal files). */
export function catalogToJsonl(events: Iterable<CatalogEvent>): string {
  return [...events]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => JSON.stringify(e))
    .join('\n')
    .concat('\n');
}

/** Raw lines of a JSONL text (blank lines ignored); a bad line is a BundleError naming it. */
export function jsonlLines(text: string, path = EVENTS_PATH): unknown[] {
  const out: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line));
    } catch (error) {
      throw new BundleError('bad_entry', `${path} line ${i + 1}: ${String(error)}`, { cause: error });
    }
  });
  return out;
}

/** Everything the ledger needs from a verified bundle. */
export interface BundleContents {
  readonly manifest: Manifest;
  readonly project: ProjectFile;
  readonly events: readonly LedgerEvent[];
  /** Code-table edits (empty when the bundle has no catalog.jsonl). */
  readonly catalogEvents: readonly CatalogEvent[];
}

/** Read, migrate and validate project.json and events.jsonl of a verified bundle. */
export async function readBundleContents(
  bundle: VerifiedBundle,
  chain: readonly BundleMigration[] = BUNDLE_MIGRATIONS,
): Promise<BundleContents> {
  const parseJson = (text: string, path: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new BundleError('bad_entry', `${path}: ${String(error)}`, { cause: error });
    }
  };
  const raw = migrateBundle(
    {
      manifest: bundle.manifest,
      project: parseJson(await bundle.readText(PROJECT_PATH), PROJECT_PATH),
      events: jsonlLines(await bundle.readText(EVENTS_PATH)),
    },
    bundle.manifest.formatVersion,
    chain,
    BUNDLE_FORMAT_VERSION,
  );
  const project = ProjectFileSchema.safeParse(raw.project);
  if (!project.success) throw new BundleError('bad_entry', `${PROJECT_PATH}: ${project.error.message}`);
  let settings: ProjectSettings;
  try {
    settings = parseSettings(project.data.settings);
  } catch (error) {
    throw new BundleError('bad_entry', `${PROJECT_PATH}: ${String(error)}`, { cause: error });
  }
  const events = raw.events.map((line, i) => {
    try {
      return parseEvent(line);
    } catch (error) {
      throw new BundleError('bad_entry', `${EVENTS_PATH} event ${i + 1}: ${String(error)}`, { cause: error });
    }
  });
  const hasCatalog = bundle.manifest.entries.some((entry) => entry.path === CATALOG_PATH);
  const catalogLines = hasCatalog ? jsonlLines(await bundle.readText(CATALOG_PATH), CATALOG_PATH) : [];
  const catalogEvents = catalogLines.map((line, i) => {
    try {
      return parseCatalogEvent(line);
    } catch (error) {
      throw new BundleError('bad_entry', `${CATALOG_PATH} event ${i + 1}: ${String(error)}`, {
        cause: error,
      });
    }
  });
  return {
    manifest: { ...bundle.manifest, formatVersion: BUNDLE_FORMAT_VERSION },
    project: { ...project.data, schemaVersion: PROJECT_FILE_VERSION, settings },
    events,
    catalogEvents,
  };
}

/** Preview of an import into a project, plus whether the bundle comes from the same project. */
export interface BundleImportPlan extends ImportPreview {
  readonly sameProject: boolean;
  readonly from: { readonly project: string; readonly actor: string; readonly created: string };
}

/** What importing the bundle would do to the local log: nothing is written (apply = persist `added`). */
export function planBundleImport(
  local: readonly LedgerEvent[],
  contents: BundleContents,
  localProjectId?: string,
): BundleImportPlan {
  return {
    ...previewImport(local, contents.events),
    sameProject: localProjectId === undefined || localProjectId === contents.project.id,
    from: {
      project: contents.project.name,
      actor: contents.manifest.creator.actor,
      created: contents.manifest.created,
    },
  };
}
