/** Storage usage and whether the browser promised to keep our data. */
export interface StorageStatus {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** Ask the browser not to evict our data (supervision records must survive), then report the quota. */
export async function requestPersistence(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage;
  let persisted: boolean;
  try {
    persisted = (await storage?.persisted?.()) ?? false;
    if (!persisted) persisted = (await storage?.persist?.()) ?? false;
  } catch {
    persisted = false;
  }
  return { ...(await estimate()), persisted };
}

export async function estimate(): Promise<{ usage: number; quota: number }> {
  try {
    const { usage = 0, quota = 0 } = (await globalThis.navigator?.storage?.estimate?.()) ?? {};
    return { usage, quota };
  } catch {
    return { usage: 0, quota: 0 };
  }
}
