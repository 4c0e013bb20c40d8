import type { AdminFeature } from '../src/core/geo/admin-join.ts';
import type { PatchAttributes, PatchInput } from '../src/core/geo/attributes.ts';
import type { NamedPoint } from '../src/core/geo/location.ts';
import type { IssuedSequences } from '../src/core/geo/patch-id.ts';
import type { AreaFeature } from '../src/core/geo/spatial-index.ts';

/**
 * Reference layers sent to the worker. Name lookups cannot cross a worker boundary as functions, so they
 * travel as plain tables keyed by GB/T 2260 code.
 */
export interface GeometryLayers {
  redlines: AreaFeature[];
  reserves: AreaFeature[];
  /** 生态空间管控区域: patches outside red lines are measured against them (optional). */
  controlZones?: AreaFeature[];
  admin: AdminFeature[];
  namedPoints: NamedPoint[];
  /** Chinese names by code (province, city, county, township); admin features' own names fill gaps. */
  names?: Record<string, string>;
  /** English names by code, for the English location text. */
  namesEn?: Record<string, string>;
}

/** Per-run settings of an attribution job. */
export interface AttributeRequest {
  /** Year used in new patch ids. */
  year: number;
  /** Highest sequence ever issued per `<county>-<year>`; the caller persists the returned marks. */
  issued: IssuedSequences;
  unknownCountyCode?: string;
  /** Also return the in-red-line, outside-reserve geometry of each patch. */
  keepGeometry?: boolean;
}

/** Result of an attribution job: one row per input patch, in order, and the updated id marks. */
export interface AttributeResult {
  patches: PatchAttributes[];
  issued: Record<string, number>;
}

/** Counts of what a prepared layer set holds. */
export interface PreparedInfo {
  key: string;
  redlines: number;
  reserves: number;
  admin: number;
  namedPoints: number;
}

/** The geometry worker (workers/geometry.worker.ts): patch attributes over prepared layers. */
export interface GeometryApi {
  /** Builds the spatial indexes once for a layer set; `key` names it for later jobs (replaces any same key). */
  prepare(key: string, layers: GeometryLayers): Promise<PreparedInfo>;
  /**
   * Attributes patches against a prepared layer set. Progress arrives through `onProgress` (pass it wrapped
   * in `Comlink.proxy`); `cancel(jobId)` rejects the job with an `AttributionCancelledError`.
   */
  attribute(
    jobId: number,
    key: string,
    patches: PatchInput[],
    request: AttributeRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<AttributeResult>;
  cancel(jobId: number): void;
  /** Frees a prepared layer set. */
  release(key: string): void;
}
