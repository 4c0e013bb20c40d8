import * as Comlink from 'comlink';
import pkg from '../../package.json';
import {
  selectAnnex1,
  selectAnnex2,
  selectAnnex3,
  selectAnnex4,
  selectAnnex5,
  transferredUnverified,
} from '../core/case/annex.ts';
import { localDate } from '../core/case/due-dates.ts';
import type { GeoScope } from '../io/geo-export.ts';
import type {
  BundleAccepted,
  BundleExtra,
  BundleRefused,
  ExportRequest,
  ExportedFile,
} from '../../workers/export-api.ts';
import { RUNS_PATH } from '../../workers/export-api.ts';
import { xt, i18n } from '../i18n/i18n.svelte.ts';
import { ledger } from './ledger.svelte.ts';
import { jobs, type JobHandle } from './jobs.svelte.ts';
import { notices } from './notices.svelte.ts';
import { exportWorker } from './export-client.ts';
import { downloadBlob } from './download.ts';
import {
  allEvents,
  exportLayers,
  ledgerInput,
  notebookFiles,
  photoFiles,
  runsById,
  sheetRequest,
} from './export-inputs.ts';
import { chipScenes, renderChip } from './export-chips.ts';
import type { ApplyResult } from './bundle-import.ts';

const newJobId = (): number => Math.floor(Math.random() * 2 ** 31);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The export and exchange tab: every export is a job in the status bar (progress, cancel) built in the export
 * worker and offered as a download; a bundle import is verified and previewed before anything is written.
 */
class ExportsState {
  letterDate = $state(localDate());
  scope = $state<GeoScope>('patches');
  withChips = $state(true);
  withLayers = $state(true);
  /** Case ids chosen for verification sheets. */
  selected = $state<string[]>([]);
  /** Names of the files of the last finished export (shown under the buttons). */
  lastFiles = $state.raw<string[]>([]);
  /** Import: the bundle being checked, its outcome, and the result of the last apply. */
  checking = $state(false);
  accepted = $state.raw<BundleAccepted | null>(null);
  refused = $state.raw<BundleRefused | null>(null);
  result = $state.raw<ApplyResult | null>(null);
  /** The project the pending preview was made against (a preview never applies to another project). */
  checkedFor = $state<string | null>(null);

  get counts(): {
    annex1: number;
    annex2: number;
    annex4: number;
    letters3: number;
    letters5: number;
    unverifiedTransfers: number;
  } {
    const all = ledger.cases;
    return {
      annex1: selectAnnex1(all).length,
      annex2: selectAnnex2(all, ledger.catalog).length,
      annex4: selectAnnex4(all).length,
      letters3: new Set(selectAnnex3(all).map((c) => c.patch.province)).size,
      letters5: new Set(selectAnnex5(all).flatMap((c) => c.transfers.map((t) => t.department))).size,
      unverifiedTransfers: transferredUnverified(all).length,
    };
  }

  /** Build files in the worker as one cancellable job, then download them. */
  async #export(what: string, request: (job: JobHandle) => Promise<ExportRequest>): Promise<ExportedFile[]> {
    const job = jobs.start(xt('exports.job', { what }));
    const jobId = newJobId();
    const onAbort = (): void => void exportWorker().cancel(jobId);
    job.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const input = ledgerInput();
      const built = await request(job);
      if (job.signal.aborted) return [];
      const files = await exportWorker().build(
        jobId,
        input,
        built,
        Comlink.proxy((share: number | null, message: string) => job.update(share, message)),
      );
      if (job.signal.aborted) return [];
      if (files.length === 0) notices.push('info', xt('exports.noLetters'));
      for (const file of files) downloadBlob(file.name, file.blob);
      this.lastFiles = files.map((f) => f.name);
      job.done();
      return files;
    } catch (error) {
      if (job.signal.aborted) return [];
      job.fail(error);
      notices.push('error', xt('exports.failed', { message: messageOf(error) }), String(error));
      return [];
    } finally {
      job.signal.removeEventListener('abort', onAbort);
    }
  }

  exportList(annex: 1 | 2 | 4, format: 'xlsx' | 'csv'): Promise<ExportedFile[]> {
    return this.#export(`${xt('exports.annexN', { n: annex })} ${format.toUpperCase()}`, async () => ({
      kind: 'list',
      annex,
      format,
    }));
  }

  exportLetters(annex: 3 | 5): Promise<ExportedFile[]> {
    const date = this.letterDate;
    return this.#export(xt('exports.annexN', { n: annex }), async () => ({ kind: 'letters', annex, date }));
  }

  exportGeo(format: 'geojson' | 'geoparquet'): Promise<ExportedFile[]> {
    const scope = this.scope;
    return this.#export(format === 'geojson' ? 'GeoJSON' : 'GeoParquet', async () => ({
      kind: 'geo',
      format,
      scope,
    }));
  }

  exportSheets(): Promise<ExportedFile[]> {
    const chosen = ledger.cases.filter((c) => this.selected.includes(c.id));
    return this.#export(xt('exports.sheets'), async (job) => {
      const runs = await runsById();
      const sheets = [];
      for (const [i, state] of chosen.entries()) {
        if (job.signal.aborted) break;
        job.update(i / (chosen.length + 1), xt('exports.jobChips', { done: i, total: chosen.length }));
        sheets.push(await sheetRequest(state, runs));
      }
      return { kind: 'sheets', date: localDate(), sheets, layers: await exportLayers() };
    });
  }

  exportBundle(): Promise<ExportedFile[]> {
    const { withChips, withLayers } = this;
    return this.#export(xt('exports.bundle'), async (job) => {
      const extras: BundleExtra[] = [];
      const drawn = ledger.cases.filter((c) => c.patch.geometry);
      const scenesUsed = withChips ? chipScenes() : [];
      for (const [i, state] of drawn.entries()) {
        if (job.signal.aborted || scenesUsed.length === 0) break;
        job.update(0.5 * (i / drawn.length), xt('exports.jobChips', { done: i, total: drawn.length }));
        for (const [k, scene] of scenesUsed.entries()) {
          const chip = state.patch.geometry ? await renderChip(scene, state.patch.geometry) : null;
          if (chip)
            extras.push({
              path: `chips/${state.id}-t${k + 1}.png`,
              blob: new Blob([chip.bytes as BlobPart], { type: 'image/png' }),
              title: chip.caption,
            });
        }
      }
      extras.push(
        ...(await photoFiles(ledger.cases)).map(({ path, blob, title }) => ({ path, blob, title })),
      );
      extras.push(...(await notebookFiles()));
      const runs = [...(await runsById()).values()];
      if (runs.length > 0)
        extras.push({
          path: RUNS_PATH,
          blob: new Blob([JSON.stringify(runs, null, 2)], { type: 'application/json' }),
        });
      return {
        kind: 'bundle',
        appVersion: pkg.version,
        creator: { actor: ledger.actor || '—', device: ledger.device || 'browser' },
        date: localDate(),
        layers: withLayers ? await exportLayers() : [],
        extras,
      };
    });
  }

  /** Verify a bundle (every hash) and preview its import; nothing is written. */
  async check(file: File): Promise<void> {
    this.accepted = null;
    this.refused = null;
    this.result = null;
    const projectId = ledger.projectId;
    if (!projectId) {
      notices.push('error', xt('exports.noProject'));
      return;
    }
    const job = jobs.start(xt('exports.jobVerify', { name: file.name }));
    const jobId = newJobId();
    const onAbort = (): void => void exportWorker().cancel(jobId);
    job.signal.addEventListener('abort', onAbort, { once: true });
    this.checking = true;
    try {
      const outcome = await exportWorker().checkBundle(
        jobId,
        file,
        allEvents(),
        projectId,
        Comlink.proxy((share: number | null, message: string) => job.update(share, message)),
      );
      if (job.signal.aborted) return;
      if (outcome.ok) {
        this.accepted = outcome;
        this.checkedFor = projectId;
        job.done();
      } else {
        this.refused = outcome;
        job.fail(outcome.message[i18n.locale]);
        notices.push(
          'error',
          xt('exports.refused', { message: outcome.message[i18n.locale] }),
          `${outcome.code}: ${outcome.detail}`,
        );
      }
    } catch (error) {
      if (job.signal.aborted) return;
      job.fail(error);
      notices.push('error', xt('exports.failed', { message: messageOf(error) }), String(error));
    } finally {
      this.checking = false;
      job.signal.removeEventListener('abort', onAbort);
    }
  }

  discard(): void {
    this.accepted = null;
    this.refused = null;
  }
}

export const exportsState = new ExportsState();
