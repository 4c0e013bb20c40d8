/** The code-table editor's ports bound to the page's ledger (tests pass fakes: tests/unit/app). */
import { ulid } from '../core/ids.ts';
import { ledger } from '../state/ledger.svelte.ts';
import type { CodeTablePorts } from './change-code-table.ts';

export const codeTablePorts: CodeTablePorts = {
  ensureActor: () => ledger.ensureActor(),
  device: () => ledger.device,
  catalog: () => ledger.catalog,
  now: () => new Date(),
  newId: ulid,
  append: (events) => ledger.adoptCatalogEvents(events),
};
