import type { PatchAttributes } from '../core/geo/attributes.ts';
import type { PatchSnapshot } from '../core/model.ts';

/** What the geometry worker measured of a patch, in the snapshot's field names (new, derived and detected patches). */
export type AttributedFields = Pick<
  PatchSnapshot,
  | 'areaHa'
  | 'redlineHa'
  | 'cx'
  | 'cy'
  | 'province'
  | 'city'
  | 'county'
  | 'township'
  | 'countyCode'
  | 'location'
  | 'zone'
>;

export function attributedFields(attrs: PatchAttributes): AttributedFields {
  return {
    areaHa: attrs.area_ha,
    redlineHa: attrs.redline_ha,
    cx: attrs.cx,
    cy: attrs.cy,
    province: attrs.province,
    city: attrs.city,
    county: attrs.county,
    township: attrs.township,
    countyCode: attrs.county_code,
    location: attrs.location,
    // Only a control-zone finding carries the field: red-line snapshots stay as they were.
    ...(attrs.zone === 'control_zone' ? { zone: attrs.zone } : {}),
  };
}
