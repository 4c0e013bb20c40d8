/**
 * Editing a code table in project settings (add an entry, relabel it, retire or restore it): the editor's name is
 * asked for first, the edit is checked against the catalog in effect, and only then written as one
 * `catalog_changed` event. A refusal says why and writes nothing.
 */
import type { Catalog } from '../core/catalog.ts';
import {
  catalogRefusal,
  CATALOG_EVENT_SCHEMA_VERSION,
  generatedCode,
  parseCatalogEvent,
  type CatalogChange,
  type CatalogEvent,
  type CatalogRefusal,
} from '../core/catalog-events.ts';

export interface CodeTablePorts {
  /** Resolves to the editor's name (asks for it when there is none); rejects when none is given. */
  ensureActor(): Promise<string>;
  device(): string;
  catalog(): Catalog;
  now(): Date;
  newId(): string;
  append(events: readonly CatalogEvent[]): Promise<unknown>;
}

/** The edit as the form gives it: `code` may be blank for a new entry (one is generated). */
export type CodeTableEdit = Omit<CatalogChange, 'code'> & { readonly code?: string };

export type CodeTableOutcome =
  | { readonly written: true; readonly event: CatalogEvent }
  | { readonly written: false; readonly refusal: CatalogRefusal; readonly code: string };

/** Blank optional text fields are left out, labels trimmed. */
function cleaned(edit: CodeTableEdit, code: string): CatalogChange {
  const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  const zh = text(edit.zh);
  const en = text(edit.en);
  const organ = text(edit.organ);
  return {
    table: edit.table,
    code,
    change: edit.change,
    ...(zh ? { zh } : {}),
    ...(en ? { en } : {}),
    ...(organ ? { organ } : {}),
    ...(edit.humanActivity !== undefined ? { humanActivity: edit.humanActivity } : {}),
    ...(edit.annexClass !== undefined ? { annexClass: edit.annexClass } : {}),
  };
}

export async function changeCodeTable(ports: CodeTablePorts, edit: CodeTableEdit): Promise<CodeTableOutcome> {
  const actor = await ports.ensureActor();
  const id = ports.newId();
  const typed = edit.code?.trim() ?? '';
  const code = typed || (edit.change === 'added' ? generatedCode(edit.table, id) : '');
  const change = cleaned(edit, code);
  const refusal = catalogRefusal(ports.catalog(), change);
  if (refusal) return { written: false, refusal, code };
  const event = parseCatalogEvent({
    schemaVersion: CATALOG_EVENT_SCHEMA_VERSION,
    id,
    type: 'catalog_changed',
    at: ports.now().toISOString(),
    actor,
    device: ports.device(),
    payload: change,
  });
  await ports.append([event]);
  return { written: true, event };
}
