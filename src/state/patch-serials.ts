/**
 * Serial numbers of new patches (图斑编号 县代码-年份-序号) are allocated when the patches are committed to the
 * ledger, never before: a preview, a cancelled or a failed run, or an action refused for want of an operator
 * name, spends none. Never reused: the next number comes after both the stored marks and every id the
 * event log already holds (so a crash between the commit and saving the marks cannot hand a number out twice).
 */
import { allocatePatchIds, highestIssued, type IssuedSequences } from '../core/geo/patch-id.ts';
import type { PatchId } from '../core/ids.ts';

/** County code used in ids of patches outside every admin polygon. */
export const UNKNOWN_COUNTY_CODE = '000000';

/** A patch's county code as an id part: six digits, else the unknown county. */
export const serialCounty = (code: string | undefined): string =>
  code && /^\d{6}$/.test(code) ? code : UNKNOWN_COUNTY_CODE;

/** Where the marks live and which ids the ledger already holds. */
export interface SerialStore {
  readonly marks: IssuedSequences;
  /** Every patch/case id ever committed in the project (withdrawn and superseded ones included). */
  readonly spent: Iterable<string>;
  save(marks: Record<string, number>): Promise<void>;
}

function maxMarks(a: IssuedSequences, b: IssuedSequences): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = Math.max(out[key] ?? 0, value);
  return out;
}

/**
 * Allocate one id per county code, run `commit` with them, and only once it has succeeded raise the stored
 * marks. When `commit` throws nothing is saved and the error goes on to the caller.
 */
export async function commitWithSerials<R>(
  counties: readonly (string | undefined)[],
  year: number,
  store: SerialStore,
  commit: (ids: PatchId[]) => Promise<R>,
): Promise<R> {
  const floor = maxMarks(store.marks, highestIssued(store.spent));
  const allocated = allocatePatchIds(counties.map(serialCounty), year, floor);
  const result = await commit(allocated.ids);
  await store.save(maxMarks(floor, allocated.issued));
  return result;
}
