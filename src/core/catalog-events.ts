/**
 * Code-table edits as project events (`catalog_changed`): a project adds, relabels, retires or restores entries of
 * the open tables, and the catalog in effect is the default catalog folded with those events. Events are never
 * removed, so an old case still finds the label of a retired code. Events of several offices (bundles) fold to
 * the same catalog whatever order they arrived in: they are applied in event-id order (ULIDs, time-sortable).
 */
import { z } from 'zod';
import {
  DEFAULT_CATALOG,
  FIXED_TABLES,
  type Catalog,
  type CatalogOverrides,
  type CatalogTable,
  type CodeEntry,
} from './catalog.ts';
import { EventIdSchema, IsoInstant } from './model.ts';

/** Tables a project may edit; stages, review levels and verification results drive the workflow and stay fixed. */
export const EDITABLE_TABLES = [
  'departments',
  'clueSources',
  'referralKinds',
  'escalationMeasures',
  'rejectionReasons',
  'activityTypes',
  'problemTypes',
] as const satisfies readonly CatalogTable[];
export type EditableTable = (typeof EDITABLE_TABLES)[number];

export const CATALOG_EVENT_SCHEMA_VERSION = 1;
export const CATALOG_CHANGES = ['added', 'relabelled', 'retired', 'restored'] as const;
export type CatalogChangeKind = (typeof CATALOG_CHANGES)[number];

/** A code as events store it: short, ASCII, never renamed. */
export const CodeSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, _ . - (at most 40)');
const Label = z.string().trim().min(1).max(200);

export const CatalogChangeSchema = z
  .object({
    table: z.enum(EDITABLE_TABLES),
    code: CodeSchema,
    change: z.enum(CATALOG_CHANGES),
    zh: Label.optional(),
    en: Label.optional(),
    /** Departments: the organ letter 附件5 is addressed to (defaults to the zh label). */
    organ: Label.optional(),
    /** Rejection reasons: the change is real human activity (kept in the 附件2 list). */
    humanActivity: z.boolean().optional(),
    /** Activity types: class (1)–(6) of the programme (defaults to 6, 其他). */
    annexClass: z.number().int().min(1).max(6).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.change === 'added' && (!c.zh || !c.en))
      ctx.addIssue({ code: 'custom', message: 'a new entry needs a zh and an en label' });
    if (c.change === 'relabelled' && !c.zh && !c.en)
      ctx.addIssue({ code: 'custom', message: 'a relabel needs a zh or an en label' });
  });
export type CatalogChange = z.infer<typeof CatalogChangeSchema>;

/** One code-table edit: a project event, not tied to a case. */
export const CatalogEventSchema = z.object({
  schemaVersion: z.literal(CATALOG_EVENT_SCHEMA_VERSION),
  id: EventIdSchema,
  type: z.literal('catalog_changed'),
  at: IsoInstant,
  actor: z.string().trim().min(1).max(200),
  device: z.string().min(1).max(100),
  payload: CatalogChangeSchema,
});
export type CatalogEvent = z.infer<typeof CatalogEventSchema>;

/** Whether a stored or imported record is a catalog event (validated or not): it has no case. */
export const isCatalogRecord = (raw: unknown): boolean =>
  typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'catalog_changed';

/** Validate one catalog event; throws with readable issues. */
export function parseCatalogEvent(raw: unknown): CatalogEvent {
  const result = CatalogEventSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '?';
  throw new Error(`invalid catalog event ${id}: ${issues.join('; ')}`, { cause: result.error });
}

/** Two offices added the same code with different labels: the earlier event (by id) is kept. */
export interface CatalogConflict {
  readonly table: EditableTable;
  readonly code: string;
  /** The entry in effect (from the defaults, the old settings or the earlier event). */
  readonly kept: { readonly zh: string; readonly en: string; readonly eventId?: string };
  readonly dropped: CatalogEvent;
}

export interface CatalogFold {
  readonly catalog: Catalog;
  readonly conflicts: readonly CatalogConflict[];
  /** Events that change nothing they can find (e.g. relabel of a code whose addition has not arrived). */
  readonly unapplied: readonly { readonly event: CatalogEvent; readonly reason: string }[];
}

type Table = CodeEntry[];
type Tables = Record<CatalogTable, Table>;

/** The entry a new code gets in its table, with the extra fields the table needs. */
function newEntry(table: EditableTable, c: CatalogChange): CodeEntry {
  const zh = c.zh ?? c.code;
  const base = { code: c.code, zh, en: c.en ?? zh };
  switch (table) {
    case 'departments':
      return { ...base, organ: c.organ ?? zh } as CodeEntry;
    case 'rejectionReasons':
      return { ...base, humanActivity: c.humanActivity ?? false } as CodeEntry;
    case 'activityTypes': {
      const annexClass = c.annexClass ?? 6;
      const annexZh = annexClass === 6 ? `其他（${zh}）` : zh;
      return { ...base, annexClass, annexZh, optional: true } as CodeEntry;
    }
    default:
      return base;
  }
}

/** Apply one change to the tables; returns why it could not apply, or undefined. */
function applyChange(
  tables: Tables,
  table: CatalogTable,
  c: Omit<CatalogChange, 'table'>,
): string | undefined {
  const rows = tables[table];
  const at = rows.findIndex((x) => x.code === c.code);
  const fixed = FIXED_TABLES.includes(table);
  if (c.change === 'added') {
    if (fixed) return `table ${table} is fixed`;
    if (at >= 0) return `code ${c.code} exists`;
    rows.push(newEntry(table as EditableTable, { ...c, table: table as EditableTable }));
    return undefined;
  }
  const entry = rows[at];
  if (!entry) return `unknown code ${c.code}`;
  if (c.change === 'relabelled') {
    const organ = c.organ && table === 'departments' ? { organ: c.organ } : {};
    rows[at] = { ...entry, ...(c.zh ? { zh: c.zh } : {}), ...(c.en ? { en: c.en } : {}), ...organ };
    return undefined;
  }
  if (fixed) return `table ${table} is fixed`;
  const { retired: _, ...rest } = entry;
  rows[at] = c.change === 'retired' ? { ...rest, retired: true } : rest;
  return undefined;
}

/** The old `settings.catalog` overrides as changes (additions, then relabels, then retirements per table). */
export function overridesAsChanges(
  overrides: CatalogOverrides,
): { table: CatalogTable; change: Omit<CatalogChange, 'table'> }[] {
  const out: { table: CatalogTable; change: Omit<CatalogChange, 'table'> }[] = [];
  for (const [table, edit] of Object.entries(overrides) as [
    CatalogTable,
    NonNullable<CatalogOverrides[CatalogTable]>,
  ][]) {
    for (const added of edit.add ?? []) {
      const extra = added as Record<string, unknown>;
      out.push({
        table,
        change: {
          code: added.code,
          change: 'added',
          zh: added.zh,
          en: added.en,
          ...(typeof extra['organ'] === 'string' ? { organ: extra['organ'] } : {}),
          ...(typeof extra['humanActivity'] === 'boolean' ? { humanActivity: extra['humanActivity'] } : {}),
          ...(typeof extra['annexClass'] === 'number' ? { annexClass: extra['annexClass'] } : {}),
        },
      });
    }
    for (const [code, label] of Object.entries(edit.relabel ?? {}))
      out.push({ table, change: { code, change: 'relabelled', ...label } });
    for (const code of edit.retire ?? []) out.push({ table, change: { code, change: 'retired' } });
  }
  return out;
}

/**
 * The catalog in effect: `base`, then the project's old settings overrides, then the events in id order. Pure
 * and total: an event that cannot apply is listed, never thrown. Adding a code that exists keeps the entry in
 * effect; with different labels that is a conflict (listed), with the same labels a duplicate (ignored).
 */
export function foldCatalog(
  events: readonly CatalogEvent[],
  overrides: CatalogOverrides = {},
  base: Catalog = DEFAULT_CATALOG,
): CatalogFold {
  const tables = Object.fromEntries(
    Object.entries(base).map(([table, rows]) => [table, [...(rows as readonly CodeEntry[])]]),
  ) as Tables;
  const origin = new Map<string, string>();
  const unapplied: { event: CatalogEvent; reason: string }[] = [];
  const conflicts: CatalogConflict[] = [];
  for (const { table, change } of overridesAsChanges(overrides))
    if (tables[table]) applyChange(tables, table, change);
  const seen = new Set<string>();
  const ordered = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const event of ordered) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const { table, ...change } = event.payload;
    const existing = tables[table].find((x) => x.code === change.code);
    if (change.change === 'added' && existing) {
      if (existing.zh !== change.zh || existing.en !== change.en)
        conflicts.push({
          table,
          code: change.code,
          kept: { zh: existing.zh, en: existing.en, eventId: origin.get(`${table}/${change.code}`) },
          dropped: event,
        });
      continue;
    }
    const reason = applyChange(tables, table, change);
    if (reason) unapplied.push({ event, reason });
    else if (change.change === 'added') origin.set(`${table}/${change.code}`, event.id);
  }
  return { catalog: tables as unknown as Catalog, conflicts, unapplied };
}

/** A fresh code for a new entry: the table's initial and part of the event id (unique across offices). */
export function generatedCode(table: EditableTable, eventId: string): string {
  return `${table.slice(0, 4).toLowerCase()}_${eventId.slice(-8).toLowerCase()}`;
}

/** Why a code-table edit is refused before anything is written. */
export type CatalogRefusal =
  | 'bad_code'
  | 'code_exists'
  | 'label_exists'
  | 'unknown_code'
  | 'missing_label'
  | 'already_retired'
  | 'not_retired'
  | 'unchanged';

/** Check an edit against the catalog in effect; undefined when it may be written. */
export function catalogRefusal(catalog: Catalog, c: CatalogChange): CatalogRefusal | undefined {
  const rows = catalog[c.table] as readonly CodeEntry[];
  const entry = rows.find((x) => x.code === c.code);
  if (!CodeSchema.safeParse(c.code).success) return 'bad_code';
  const zh = c.zh?.trim() ?? '';
  const en = c.en?.trim() ?? '';
  switch (c.change) {
    case 'added':
      if (entry) return 'code_exists';
      if (!zh || !en) return 'missing_label';
      return rows.some((x) => x.zh === zh) ? 'label_exists' : undefined;
    case 'relabelled':
      if (!entry) return 'unknown_code';
      if (!zh && !en) return 'missing_label';
      if (zh && rows.some((x) => x.code !== c.code && x.zh === zh)) return 'label_exists';
      return (!zh || zh === entry.zh) && (!en || en === entry.en) ? 'unchanged' : undefined;
    case 'retired':
      if (!entry) return 'unknown_code';
      return entry.retired ? 'already_retired' : undefined;
    case 'restored':
      if (!entry) return 'unknown_code';
      return entry.retired ? undefined : 'not_retired';
  }
}
