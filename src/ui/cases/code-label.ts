import { findEntry, labelOf, type Catalog, type CatalogTable, type Lang } from '../../core/catalog.ts';
import { t } from '../../i18n/i18n.svelte.ts';

/** A code's label on screen; a retired code keeps its label, marked 已停用, so old cases stay readable. */
export function codeLabel(catalog: Catalog, table: CatalogTable, code: string, lang: Lang): string {
  const label = labelOf(catalog, table, code, lang);
  return findEntry(catalog, table, code)?.retired ? t('codes.retiredMark', { label }) : label;
}
