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

const STORAGE_KEY = 'redline.tour.done';

function readDone(): boolean {
  try {
    return isDone(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return false;
  }
}

/** The guided tour: where it stands, and whether this device has seen it (finished, skipped or declined). */
class Tour {
  position = $state<TourPosition>(CLOSED);
  done = $state(readDone());

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

  private markDone(): void {
    this.done = true;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, DONE_VALUE);
    } catch {
      // Private mode or storage disabled: the tour may offer itself again next visit, nothing worse.
    }
  }
}

export const tour = new Tour();
