import { openStore } from './database.ts';

/** Read one setting (device-wide or project-scoped by key prefix). */
export async function getSetting<T>(key: string): Promise<T | undefined> {
  const record = await (await openStore()).get('settings', key);
  return record?.value as T | undefined;
}

/** Write one setting; resolves when committed. */
export async function putSetting(key: string, value: unknown): Promise<void> {
  await (await openStore()).put('settings', { schemaVersion: 1, key, value });
}
