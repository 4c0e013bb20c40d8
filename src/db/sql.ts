/** A failed DuckDB statement: the SQL that failed and what DuckDB said. */
export class QueryError extends Error {
  readonly sql: string;
  constructor(sql: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(reason, { cause });
    this.name = 'QueryError';
    this.sql = sql;
  }
}

/** The query was cancelled by the user (or a newer query superseded it). */
export class QueryCancelledError extends Error {
  constructor(readonly sql: string) {
    super('query cancelled');
    this.name = 'QueryCancelledError';
  }
}

/**
 * Quote an identifier (table or column name) for DuckDB. The only place identifiers enter SQL text:
 * values always go through prepared parameters.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new Error('empty SQL identifier');
  if (name.includes('\u0000')) throw new Error('SQL identifier contains a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Position (1-based line and column) of a character offset, to point at the failing part of a statement. */
export function positionOf(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, Math.max(0, Math.min(offset, sql.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}
