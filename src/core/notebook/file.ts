/**
 * `.rnb.json`: a notebook as a file, to send to a colleague or keep with a case bundle. The file holds the
 * cells and cached outputs but not the project id (the importer's project owns the copy). Text is canonical
 * (sorted keys, two-space indent), so exporting an imported file gives the same bytes.
 */
import { stableStringify } from './hash.ts';
import { NOTEBOOK_SCHEMA_VERSION, NotebookFormatError, NotebookSchema, type Notebook } from './model.ts';

export const NOTEBOOK_FILE_FORMAT = 'redline-notebook';
export const NOTEBOOK_FILE_EXTENSION = '.rnb.json';

type Raw = Record<string, unknown>;

/**
 * Migrations of the notebook object, by the version they start from (entry n takes n to n + 1). Version 1
 * is the first; append a step when the schema changes, never edit one.
 */
const MIGRATIONS: Readonly<Record<number, (raw: Raw) => Raw>> = {};

/** Bring a stored or imported notebook object to the current version and validate it. */
export function migrateNotebook(raw: unknown): Notebook {
  if (typeof raw !== 'object' || raw === null) throw new NotebookFormatError('a notebook must be an object');
  let current = raw as Raw;
  let version = current.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new NotebookFormatError(`unknown notebook schemaVersion ${String(version)}`);
  if (version > NOTEBOOK_SCHEMA_VERSION)
    throw new NotebookFormatError(
      `notebook schemaVersion ${version} is newer than this app understands (${NOTEBOOK_SCHEMA_VERSION})`,
    );
  while (version < NOTEBOOK_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new NotebookFormatError(`no migration from notebook schemaVersion ${version}`);
    current = { ...step(current), schemaVersion: version + 1 };
    version += 1;
  }
  const parsed = NotebookSchema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NotebookFormatError(
      `invalid notebook: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema mismatch'}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Canonical JSON text: sorted keys, two-space indent, trailing newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(JSON.parse(stableStringify(value)), null, 2)}\n`;
}

/** The `.rnb.json` text of a notebook. */
export function serializeNotebook(notebook: Notebook): string {
  const { projectId: _projectId, ...portable } = notebook;
  return canonicalJson({
    format: NOTEBOOK_FILE_FORMAT,
    schemaVersion: notebook.schemaVersion,
    notebook: portable,
  });
}

/** Read a `.rnb.json` text into a notebook of `projectId`. Throws NotebookFormatError on anything invalid. */
export function parseNotebookFile(text: string, projectId: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new NotebookFormatError('the file is not valid JSON', { cause: error });
  }
  if (typeof raw !== 'object' || raw === null || (raw as Raw).format !== NOTEBOOK_FILE_FORMAT)
    throw new NotebookFormatError(`not a notebook file (format must be "${NOTEBOOK_FILE_FORMAT}")`);
  const file = raw as Raw;
  const inner = file.notebook;
  if (typeof inner !== 'object' || inner === null) throw new NotebookFormatError('the file has no notebook');
  return migrateNotebook({ ...(inner as Raw), schemaVersion: file.schemaVersion, projectId });
}
