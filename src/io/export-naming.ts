/** The names and media types of the files an export makes. */
import { adminFieldsOf } from '../core/admin/admin-fields.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A name every file system accepts (Windows forbids these characters). */
export const safeName = (name: string): string => name.replace(/[\\/:*?"<>|\s]+/g, '_');

export const blobOf = (bytes: Uint8Array, type: string): Blob => new Blob([bytes as BlobPart], { type });

export const sheetFileName = (caseId: string): string => safeName(`图斑核查单_${caseId}.docx`);
export const sheetsZipName = (count: number, date: string): string =>
  safeName(`图斑核查单_${count}份_${date}.zip`);
export const bundleFileName = (projectName: string, date: string): string =>
  safeName(`案卷包_${projectName}_${date}.zip`);

const NAME_KEYS = ['name', '名称', 'mc', 'hxmc', 'bhdmc', 'bhqmc', 'xzqmc', 'title', 'id', 'fid'];

/** The display name of a reference feature: an admin name, a name-like field, else its number. */
export function featureName(props: Record<string, unknown> | null, index: number): string {
  const p = props ?? {};
  const admin = adminFieldsOf(p);
  if (admin?.name) return admin.name;
  for (const [key, value] of Object.entries(p))
    if (NAME_KEYS.includes(key.toLowerCase()) && (typeof value === 'string' || typeof value === 'number'))
      return String(value);
  return `#${index + 1}`;
}
