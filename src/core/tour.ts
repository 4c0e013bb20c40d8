/**
 * The guided training tour over the sample project: which steps, in which order, what each points at, and when
 * the tour offers itself. Pure: the page supplies what is on screen and what the device remembers.
 */

/** Left-panel tabs a step may open for the user. */
export type TourTab = 'layers' | 'cases' | 'notebook' | 'exports';

export interface TourStep {
  /** Also names the step's title and text in the tour's message file. */
  id: string;
  /** `data-tour` names of the elements to point at, best first; the first one on screen is used. */
  targets: readonly string[];
  /** Tab to open before pointing (the element lives inside it). */
  tab?: TourTab;
}

export const TOUR_STEPS: readonly TourStep[] = [
  { id: 'sample', targets: ['sample'] },
  { id: 'layers', targets: ['layers'], tab: 'layers' },
  { id: 'compare', targets: ['compare', 'imagery'], tab: 'layers' },
  { id: 'detect', targets: ['detect', 'imagery'], tab: 'layers' },
  { id: 'review', targets: ['review'], tab: 'cases' },
  { id: 'ledger', targets: ['ledger'], tab: 'cases' },
  { id: 'exports', targets: ['exports'], tab: 'exports' },
  { id: 'notebook', targets: ['notebook'], tab: 'notebook' },
  { id: 'restart', targets: ['tour'] },
];

/** Where the tour stands: closed, or open at a step. */
export type TourPosition = { open: false } | { open: true; index: number };

export const CLOSED: TourPosition = { open: false };

export function start(): TourPosition {
  return { open: true, index: 0 };
}

/** One step on; past the last step the tour is over. */
export function next(position: TourPosition, steps: readonly TourStep[] = TOUR_STEPS): TourPosition {
  if (!position.open) return position;
  return position.index + 1 < steps.length ? { open: true, index: position.index + 1 } : CLOSED;
}

/** One step back; the first step stays put. */
export function previous(position: TourPosition): TourPosition {
  if (!position.open) return position;
  return { open: true, index: Math.max(0, position.index - 1) };
}

export function isLast(position: TourPosition, steps: readonly TourStep[] = TOUR_STEPS): boolean {
  return position.open && position.index === steps.length - 1;
}

/**
 * The element a step points at: its first target that is on screen, or null (the card then stands alone in the
 * middle, so a tour over an empty project still reads through).
 */
export function resolveTarget(step: TourStep, onScreen: (name: string) => boolean): string | null {
  return step.targets.find((name) => onScreen(name)) ?? null;
}

export interface OfferFacts {
  /** The device remembers the tour as done or declined. */
  done: boolean;
  /** The device offered it on an earlier visit already (an offer left unanswered is not repeated). */
  offeredEarlier: boolean;
  /** The open project is the sample, completely loaded. */
  sampleReady: boolean;
  /** The tour is running now. */
  open: boolean;
}

/**
 * The tour offers itself on one visit per device, the first with the loaded sample, until answered; never over
 * itself.
 */
export function shouldOffer(facts: OfferFacts): boolean {
  return !facts.done && !facts.offeredEarlier && facts.sampleReady && !facts.open;
}

/** What the device stores once the tour was offered, and once it was finished, skipped or declined. */
export const DONE_VALUE = '1';

export function isDone(stored: string | null | undefined): boolean {
  return stored === DONE_VALUE;
}
