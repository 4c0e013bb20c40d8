import type { AdminLevel } from '../geo/admin-join.ts';

const CODE_FIELDS = ['code', 'adcode', 'xzqdm', 'xzqhdm', 'pac', 'gb', 'admin_code', '行政区划代码', '代码'];
const NAME_FIELDS = ['name', 'xzqmc', 'xzqhmc', 'admin_name', '名称', '行政区名称'];

function findField(props: Record<string, unknown>, candidates: readonly string[]): unknown {
  for (const [key, value] of Object.entries(props)) {
    if (candidates.includes(key.toLowerCase())) return value;
  }
  return undefined;
}

/** The level of a GB/T 2260 code: 2-digit province, city, county (6 digits), township (9 or 12 digits). */
export function levelOfCode(code: string): AdminLevel | null {
  if (/^\d{9}$|^\d{12}$/.test(code)) return 'township';
  if (!/^\d{6}$/.test(code)) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Code, name and level of an administrative feature, from the common field names of Chinese admin data
 * (code/adcode/XZQDM…, name/XZQMC/名称…). Null when the feature carries no usable code.
 */
export function adminFieldsOf(
  props: Record<string, unknown>,
): { code: string; name: string; level: AdminLevel } | null {
  const rawCode = findField(props, CODE_FIELDS);
  const code =
    typeof rawCode === 'number'
      ? String(Math.trunc(rawCode))
      : typeof rawCode === 'string'
        ? rawCode.trim()
        : '';
  const level = levelOfCode(code);
  if (!level) return null;
  const rawName = findField(props, NAME_FIELDS);
  return { code, name: typeof rawName === 'string' ? rawName : '', level };
}
