import {
  CLOSED,
  DONE_VALUE,
  TOUR_STEPS,
  isDone,
  next,
  previous,
  start,
  type TourPosition,
  type TourStep,
} from '../core/tour.ts';

const DONE_KEY = 'redline.tour.done';
const OFFERED_KEY = 'redline.tour.offered';

function readFlag(key: string): boolean {
  try {
    return isDone(globalThis.localStorage?.getItem(key));
  } catch {
    return false;
  }
}

function writeFlag(key: string): void {
  try {
    globalThis.localStorage?.setItem(key, DONE_VALUE);
  } catch {
    // Private mode or storage disabled: the tour may offer itself again next visit, nothing worse.
  }
}

/** The guided tour: where it stands, and whether this device has seen it (finished, skipped or declined). */
class Tour {
  position = $state<TourPosition>(CLOSED);
  done = $state(readFlag(DONE_KEY));
  /** Read once per page: an offer made during this visit stays until answered or the page is left. */
  readonly offeredEarlier = readFlag(OFFERED_KEY);

  readonly steps = TOUR_STEPS;

  get step(): TourStep | null {
    return this.position.open ? (this.steps[this.position.index] ?? null) : null;
  }

  get index(): number {
    return this.position.open ? this.position.index : -1;
  }

  start(): void {
    this.position = start();
  }

  next(): void {
    this.position = next(this.position, this.steps);
    if (!this.position.open) this.markDone();
  }

  previous(): void {
    this.position = previous(this.position);
  }

  /** Skip the rest, or decline the offer: either way the tour does not offer itself again on this device. */
  skip(): void {
    this.position = CLOSED;
    this.markDone();
  }

  /** The offer is on screen: later visits do not repeat it. */
  markOffered(): void {
    writeFlag(OFFERED_KEY);
  }

  private markDone(): void {
    this.done = true;
    writeFlag(DONE_KEY);
  }
}

export const tour = new Tour();
