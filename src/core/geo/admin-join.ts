import { pointInAreal } from './rings.ts';
import { FeatureIndex, type AreaFeature } from './spatial-index.ts';

/** Administrative levels, finest last (matches the `admin.level` column). */
export const ADMIN_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

/** A polygon of an administrative division with its GB/T 2260 code (9 or 12 digits for townships). */
export interface AdminFeature extends AreaFeature {
  code: string;
  level: AdminLevel;
  /** Name carried by the source file, used when the lookup has none. */
  name?: string;
}

/** Name lookup by code (e.g. over the GB/T 2260 table); undefined when unknown. */
export type AdminNameLookup = (code: string, level: AdminLevel) => string | undefined;

/** One administrative unit of a located point. */
export interface AdminUnit {
  code: string;
  name: string;
}

/** The four levels for one point; a level is null when neither a polygon nor a code prefix gives it. */
export interface AdminPlace {
  province: AdminUnit | null;
  city: AdminUnit | null;
  county: AdminUnit | null;
  township: AdminUnit | null;
}

const COUNTY_CODE = /^\d{6}$/;
const TOWNSHIP_CODE = /^\d{9}(\d{3})?$/;
/** Directly-governed municipalities: their "city" level is a placeholder (市辖区). */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** Names GB/T 2260 uses for city-level placeholders rather than real cities. */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** True for a 6-digit county-level code that is not a province or city code. */
export function isCountyCode(code: string): boolean {
  return COUNTY_CODE.test(code) && !code.endsWith('00');
}

/** Parent codes derived from a code prefix: county → city (first 4 + '00') → province (first 2 + '0000'). */
export function parentCodes(code: string): { province: string; city: string | null; county: string | null } {
  const county = TOWNSHIP_CODE.test(code) ? code.slice(0, 6) : isCountyCode(code) ? code : null;
  const city =
    COUNTY_CODE.test(code.slice(0, 6)) && code.slice(2, 4) !== '00' ? `${code.slice(0, 4)}00` : null;
  return { province: `${code.slice(0, 2)}0000`, city, county };
}

/**
 * Point-in-polygon join against administrative polygons. The finest level found decides the codes;
 * coarser levels come from the code prefix, and only when a finer level is missing is the coarser layer
 * searched. On a shared boundary the unit with the smallest code wins, so the answer is deterministic.
 */
export class AdminJoiner {
  private readonly byLevel = new Map<AdminLevel, FeatureIndex<AdminFeature>>();
  /** Names carried by the admin features themselves, by code. */
  private readonly names: Map<string, string>;

  constructor(
    features: readonly AdminFeature[],
    private readonly nameOf: AdminNameLookup = () => undefined,
  ) {
    for (const level of ADMIN_LEVELS) {
      const ofLevel = features.filter((f) => f.level === level);
      if (ofLevel.length > 0) this.byLevel.set(level, new FeatureIndex(ofLevel));
    }
    this.names = new Map(features.filter((f) => f.name).map((f) => [f.code, f.name as string]));
  }

  /** The administrative feature of one level containing the point (boundary counts), or null. */
  featureAt(level: AdminLevel, lon: number, lat: number): AdminFeature | null {
    const index = this.byLevel.get(level);
    if (!index) return null;
    let inside: AdminFeature | null = null;
    let boundary: AdminFeature | null = null;
    for (const i of index.searchPoint(lon, lat)) {
      const feature = index.features[i] as AdminFeature;
      const where = pointInAreal(lon, lat, feature.geometry);
      if (where === 'inside' && (!inside || feature.code < inside.code)) inside = feature;
      if (where === 'boundary' && (!boundary || feature.code < boundary.code)) boundary = feature;
    }
    return inside ?? boundary;
  }

  /** Province, city, county and township of a point. */
  locate(lon: number, lat: number): AdminPlace {
    const township = this.featureAt('township', lon, lat);
    let countyCode = township && TOWNSHIP_CODE.test(township.code) ? township.code.slice(0, 6) : null;
    countyCode ??= this.featureAt('county', lon, lat)?.code ?? null;
    let cityCode = countyCode ? parentCodes(countyCode).city : null;
    cityCode ??= this.featureAt('city', lon, lat)?.code ?? null;
    let provinceCode = (countyCode ?? cityCode) ? `${(countyCode ?? cityCode ?? '').slice(0, 2)}0000` : null;
    provinceCode ??= this.featureAt('province', lon, lat)?.code ?? null;
    const province = provinceCode ? this.unit(provinceCode, 'province') : null;
    const county = countyCode ? this.unit(countyCode, 'county') : null;
    return {
      province,
      city: cityCode ? this.cityUnit(cityCode, province, county) : null,
      county,
      township: township ? this.unit(township.code, 'township') : null,
    };
  }

  private unit(code: string, level: AdminLevel): AdminUnit {
    return { code, name: this.nameOf(code, level) ?? this.names.get(code) ?? '' };
  }

  /** City-level placeholders (市辖区, 省直辖县级行政区划) read as the municipality or the county itself. */
  private cityUnit(code: string, province: AdminUnit | null, county: AdminUnit | null): AdminUnit {
    const unit = this.unit(code, 'city');
    if (unit.name && !PLACEHOLDER_NAMES.has(unit.name)) return unit;
    if (MUNICIPALITIES.has(code.slice(0, 2)) && province?.name) return { code, name: province.name };
    if (PLACEHOLDER_NAMES.has(unit.name) && county?.name) return { code, name: county.name };
    return unit;
  }
}
