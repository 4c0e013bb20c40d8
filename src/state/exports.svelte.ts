import * as Comlink from 'comlink';
import {
  selectAnnex1,
  selectAnnex2,
  letterKeys,
  selectAnnex4,
  selectAnnex5,
  transferredUnverified,
} from '../core/case/annex.ts';
import { localDate } from '../core/case/due-dates.ts';
import type { GeoScope } from '../io/geo-export.ts';
import type { RecipientLevel } from '../core/case/annex.ts';
import type { ShapefileCrs } from '../core/geo/crs-prj.ts';
import type { ShapefileEncoding } from '../io/shapefile-export.ts';
import type { BundleAccepted, BundleRefused } from '../../workers/export-api.ts';
import { xt, i18n } from '../i18n/i18n.svelte.ts';
import { ledger } from './ledger.svelte.ts';
import { jobs } from './jobs.svelte.ts';
import { notices } from './notices.svelte.ts';
import { exportWorker } from './export-client.ts';
import { allEvents } from './export-inputs.ts';
import type { ApplyResult } from './bundle-import.ts';

const newJobId = (): number => Math.floor(Math.random() * 2 ** 31);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The export and exchange tab: the choices made for exports and the files last made (the exports themselves are
 * use-cases, src/app/export.ts); a bundle import is verified and previewed before anything is written.
 */
class ExportsState {
  letterDate = $state(localDate());
  scope = $state<GeoScope>('patches');
  /** Letters of this export: recipient level ('' = the project's default), edited addressees by letter key, signatures. */
  recipientLevel = $state<RecipientLevel | ''>('');
  addressees = $state<Record<string, string>>({});
  signature3 = $state('');
  signature5 = $state('');
  /** Zipped Shapefile: text encoding of the DBF and the coordinates written. */
  shpEncoding = $state<ShapefileEncoding>('utf-8');
  shpCrs = $state<ShapefileCrs>('geographic');
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
      letters3: letterKeys(3, all, ledger.settings, this.recipientLevel || undefined).length,
      letters5: new Set(selectAnnex5(all).flatMap((c) => c.transfers.map((t) => t.department))).size,
      unverifiedTransfers: transferredUnverified(all).length,
    };
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
