/**
 * Exporting: every export is a job in the status bar (progress, cancel) built in the export worker and offered as
 * a download. A cancelled or failed export downloads nothing and leaves the last export's file list as it was.
 */
import type { ExportRequest, ExportedFile, LedgerInput } from '../../workers/export-api.ts';

/** A status-bar job, as the export drives it. */
export interface ExportJob {
  readonly signal: AbortSignal;
  update(share: number | null, message?: string): void;
  done(): void;
  fail(error: unknown): void;
}

/** What an export needs: a job, the ledger's input, the export worker and the browser's download. */
export interface ExportPorts {
  startJob(what: string): ExportJob;
  ledgerInput(): LedgerInput;
  build(
    jobId: number,
    input: LedgerInput,
    request: ExportRequest,
    onProgress: (share: number | null, message: string) => void,
  ): Promise<ExportedFile[]>;
  cancel(jobId: number): void;
  download(file: ExportedFile): void;
  /** The export made no file (no letters due). */
  nothingMade(): void;
  failed(error: unknown): void;
}

/** Where the names of the files made are shown. */
export interface ExportScreen {
  lastFiles: string[];
}

const newJobId = (): number => Math.floor(Math.random() * 2 ** 31);

/** Build files in the worker as one cancellable job, then download them. */
export async function runExport(
  ports: ExportPorts,
  screen: ExportScreen,
  what: string,
  request: (job: ExportJob) => Promise<ExportRequest>,
): Promise<ExportedFile[]> {
  const job = ports.startJob(what);
  const jobId = newJobId();
  const onAbort = (): void => ports.cancel(jobId);
  job.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const input = ports.ledgerInput();
    const built = await request(job);
    if (job.signal.aborted) return [];
    const files = await ports.build(jobId, input, built, (share, message) => job.update(share, message));
    if (job.signal.aborted) return [];
    if (files.length === 0) ports.nothingMade();
    for (const file of files) ports.download(file);
    screen.lastFiles = files.map((f) => f.name);
    job.done();
    return files;
  } catch (error) {
    if (job.signal.aborted) return [];
    job.fail(error);
    ports.failed(error);
    return [];
  } finally {
    job.signal.removeEventListener('abort', onAbort);
  }
}
