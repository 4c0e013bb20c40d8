import { getDb, query, type Row } from '../db/client.ts';

/** DuckDB start-up status for the status bar, and the one way the UI runs ad-hoc SQL. */
class DbStatus {
  state = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  startMs = $state(0);
  bundle = $state('');
  version = $state('');
  error = $state('');

  async start(): Promise<void> {
    this.state = 'loading';
    try {
      const info = await getDb();
      this.startMs = Math.round(info.startMs);
      this.bundle = info.bundle;
      this.version = info.version;
      this.state = 'ready';
    } catch (error) {
      this.state = 'failed';
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  run(sql: string, params?: readonly unknown[], signal?: AbortSignal): Promise<Row[]> {
    return query(sql, { ...(params ? { params } : {}), ...(signal ? { signal } : {}) });
  }
}

export const dbStatus = new DbStatus();
