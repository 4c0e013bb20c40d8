import { isCatalogRecord, parseCatalogEvent, type CatalogEvent } from '../core/catalog-events.ts';
import { openStore } from './database.ts';

/**
 * Code-table edits live in the project's event log (the `events` store) beside the case events: appended in one
 * transaction, never overwritten (`add`), removed with the project.
 */
export async function appendCatalogEvents(projectId: string, events: readonly CatalogEvent[]): Promise<void> {
  if (events.length === 0) return;
  const db = await openStore();
  const tx = db.transaction('events', 'readwrite', { durability: 'strict' });
  await Promise.all([...events.map((event) => tx.store.add({ ...event, projectId } as never)), tx.done]);
}

/** The project's code-table edits, validated on read; a record that fails is reported, not dropped silently. */
export async function listCatalogEvents(
  projectId: string,
): Promise<{ events: CatalogEvent[]; invalid: string[] }> {
  const db = await openStore();
  const raw = await db.getAllFromIndex('events', 'byProject', projectId);
  const events: CatalogEvent[] = [];
  const invalid: string[] = [];
  for (const record of raw) {
    if (!isCatalogRecord(record)) continue;
    const { projectId: _project, ...event } = record as unknown as CatalogEvent & { projectId: string };
    try {
      events.push(parseCatalogEvent(event));
    } catch (error) {
      invalid.push(`${String(record.id)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { events, invalid };
}
