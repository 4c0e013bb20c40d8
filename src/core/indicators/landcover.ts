/**
 * Which land-cover classes count as natural ecological land (自然生态用地): editable per assessment, with
 * presets for the two products users most often load. Class values are compared as text, so a vector
 * attribute `0301` and a raster value `10` are handled alike.
 */

export interface LandCoverPreset {
  id: string;
  label: { zh: string; en: string };
  /** Class values counted as natural, and a label per class for the method notes. */
  natural: { value: string; zh: string; en: string }[];
}

export const LAND_COVER_PRESETS: readonly LandCoverPreset[] = [
  {
    id: 'worldcover',
    label: { zh: 'ESA WorldCover 10 m（栅格）', en: 'ESA WorldCover 10 m (raster)' },
    natural: [
      { value: '10', zh: '林地', en: 'tree cover' },
      { value: '20', zh: '灌木', en: 'shrubland' },
      { value: '30', zh: '草地', en: 'grassland' },
      { value: '60', zh: '裸地/稀疏植被', en: 'bare / sparse vegetation' },
      { value: '70', zh: '冰雪', en: 'snow and ice' },
      { value: '80', zh: '永久水体', en: 'permanent water' },
      { value: '90', zh: '草本湿地', en: 'herbaceous wetland' },
      { value: '95', zh: '红树林', en: 'mangroves' },
      { value: '100', zh: '苔藓地衣', en: 'moss and lichen' },
    ],
  },
  {
    id: 'gbt21010',
    label: { zh: '国土调查 GB/T 21010 一级类（矢量）', en: 'Land survey GB/T 21010 top classes (vector)' },
    natural: [
      { value: '00*', zh: '湿地', en: 'wetland' },
      { value: '03*', zh: '林地', en: 'woodland' },
      { value: '04*', zh: '草地', en: 'grassland' },
      { value: '1101', zh: '河流水面', en: 'river surface' },
      { value: '1102', zh: '湖泊水面', en: 'lake surface' },
      { value: '1105', zh: '沿海滩涂', en: 'coastal tidal flat' },
      { value: '1106', zh: '内陆滩涂', en: 'inland tidal flat' },
      { value: '1108', zh: '沼泽地', en: 'swamp' },
      { value: '1110', zh: '冰川及永久积雪', en: 'glacier and permanent snow' },
      { value: '1205', zh: '沙地', en: 'sand' },
      { value: '1206', zh: '裸土地', en: 'bare soil' },
      { value: '1207', zh: '裸岩石砾地', en: 'bare rock' },
    ],
  },
];

/**
 * Whether a class value is natural under a list of natural values. A value ending in `*` is a prefix
 * (`03*` covers `03`, `0301`, `0302` …: GB/T 21010 codes are hierarchical); others must match exactly.
 */
export function isNaturalClass(value: string, natural: readonly string[]): boolean {
  const v = value.trim();
  return natural.some((n) => (n.endsWith('*') ? v.startsWith(n.slice(0, -1)) : v === n.trim()));
}

/** Pixel counts of class values per zone (raster land cover), as returned by the worker. */
export interface ClassCounts {
  /** counts[zone − 1] maps class value → pixels. */
  zones: Record<string, number>[];
}

/** Share (0…1) of natural pixels per zone and for all zones together; null where no pixel was counted. */
export function naturalShares(
  counts: ClassCounts,
  natural: readonly string[],
): { zones: (number | null)[]; total: number | null } {
  let allNatural = 0;
  let all = 0;
  const zones = counts.zones.map((byClass) => {
    let n = 0;
    let t = 0;
    for (const [value, pixels] of Object.entries(byClass)) {
      t += pixels;
      if (isNaturalClass(value, natural)) n += pixels;
    }
    allNatural += n;
    all += t;
    return t === 0 ? null : n / t;
  });
  return { zones, total: all === 0 ? null : allNatural / all };
}
