import type { Catalog } from '../catalog.ts';
import type { CaseState } from '../model.ts';
import { buildAnnex, isRedlineFinding, selectAnnex1, type AnnexSettings, type AnnexTable } from './annex.ts';

/** Title of the control-zone list: the 附件1 wording with the zone named instead of the red line. */
export const controlZoneTitle = (provinceName: string): string =>
  `${provinceName}生态空间管控区域疑似生态破坏问题清单`;

/**
 * Control-zone findings confirmed by the consultation: the 附件1 rule applied to the cases found in
 * 生态空间管控区域 outside red lines (they are kept out of 附件1–5).
 */
export function selectControlZoneList(cases: readonly CaseState[]): CaseState[] {
  const asRedline = cases
    .filter((c) => !isRedlineFinding(c))
    .map((c) => ({ ...c, patch: { ...c.patch, zone: undefined } }));
  const chosen = new Set(selectAnnex1(asRedline).map((c) => c.id));
  return cases
    .filter((c) => chosen.has(c.id))
    .sort((a, b) => (a.patch.id < b.patch.id ? -1 : a.patch.id > b.patch.id ? 1 : 0));
}

/** The control-zone list: same columns and notes as 附件1, its own title; the project's province by default. */
export function buildControlZoneList(
  all: readonly CaseState[],
  settings: AnnexSettings,
  catalog: Catalog,
  province: string = settings.province.name,
): AnnexTable {
  const mine = province ? all.filter((c) => c.patch.province === province) : all;
  const table = buildAnnex(1, selectControlZoneList(mine), settings, catalog, { preselected: true });
  return { ...table, label: '生态空间管控区域', title: controlZoneTitle(province || settings.province.name) };
}
