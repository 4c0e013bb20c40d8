import type { LedgerEvent } from '../core/model.ts';
import { parseEvent } from '../core/model.ts';
import { isCatalogRecord } from '../core/catalog-events.ts';
import { openStore } from './database.ts';

/** A ledger event as stored: the event plus the project it belongs to (for the byProject index). */
type StoredEvent = LedgerEvent & { projectId: string };

/**
 * Append events in ONE IndexedDB transaction: all of them are durable once this resolves, or none is
 * (a crash mid-write aborts the transaction). The UI shows an action as saved only after this resolves.
 * `add` (not `put`) refuses to overwrite an event: the log is append-only.
 */
export async function appendEvents(projectId: string, events: readonly LedgerEvent[]): Promise<void> {
  if (events.length === 0) return;
  const db = await openStore();
  const tx = db.transaction('events', 'readwrite', { durability: 'strict' });
  await Promise.all([
    ...events.map((event) => tx.store.add({ ...event, projectId } as StoredEvent as never)),
    tx.done,
  ]);
}

/** Every event of a project, validated on read (a record that fails validation is reported, not dropped). */
export async function listEvents(projectId: string): Promise<{ events: LedgerEvent[]; invalid: string[] }> {
  const db = await openStore();
  const raw = await db.getAllFromIndex('events', 'byProject', projectId);
  const events: LedgerEvent[] = [];
  const invalid: string[] = [];
  for (const record of raw) {
    // Code-table edits share the log but belong to no case (catalog-events.ts reads them).
    if (isCatalogRecord(record)) continue;
    const { projectId: _project, ...event } = record as unknown as StoredEvent;
    try {
      events.push(parseEvent(event));
    } catch (error) {
      invalid.push(`${String(record.id)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { events, invalid };
}

/** Ids of the events a project already holds (bundle import skips them: import twice = once). */
export async function eventIds(projectId: string): Promise<Set<string>> {
  const db = await openStore();
  return new Set((await db.getAllKeysFromIndex('events', 'byProject', projectId)).map(String));
}
