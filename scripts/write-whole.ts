// Files of the command line written whole: to a temporary name beside them, then renamed, so a crash never
// leaves a half-written file under the real name.
import { renameSync, writeFileSync } from 'node:fs';

export function writeWhole(path: string, data: Uint8Array | string): void {
  const temporary = `${path}.partial`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}
