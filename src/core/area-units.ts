/** Area units users enter a minimum patch size in. */
export type AreaUnit = 'm2' | 'mu' | 'ha';

const M2: Record<AreaUnit, number> = { m2: 1, mu: 10_000 / 15, ha: 10_000 };

/** Square metres of a value in a unit (1 亩 = 10000/15 m², 1 公顷 = 10000 m²). */
export function toSquareMetres(value: number, unit: AreaUnit): number {
  return value * M2[unit];
}

export const AREA_UNIT_LABELS: Record<AreaUnit, { zh: string; en: string }> = {
  m2: { zh: '平方米', en: 'm²' },
  mu: { zh: '亩', en: 'mu' },
  ha: { zh: '公顷', en: 'ha' },
};
