/**
 * What applying a verified case bundle takes and gives: the options the user chose in the preview and what was
 * added. The apply itself is a use-case (src/app/import-bundle.ts).
 */
export interface ApplyOptions {
  /** Take over the bundle's project settings (province, review mode, contact, catalog…). */
  settings: boolean;
  /** Add the bundle's reference layers that the project does not have yet (same kind and name). */
  layers: boolean;
  /** Add the bundle's notebooks (as they are: nothing runs). */
  notebooks: boolean;
}

export interface ApplyResult {
  events: number;
  settings: boolean;
  layers: number;
  runs: number;
  photos: number;
  notebooks: number;
  /** Code-table edits added (those already here are skipped). */
  codes: number;
}

/** A bundle could not be applied (a failure of this browser's storage, not of the bundle). */
export class BundleApplyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BundleApplyError';
  }
}
