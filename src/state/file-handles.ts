/**
 * Files with their File System Access handles, from a drop or from the browser's handle picker: a scene whose
 * file comes with a handle can be read in place instead of copied.
 */
import { openFilePicker } from './scenes.svelte.ts';

/** A dropped file system entry, as far as this module needs it (not yet in TypeScript's DOM library). */
interface DroppedItem {
  kind: string;
  getAsFileSystemHandle?(): Promise<FileSystemHandle | null>;
}

/**
 * The files of a drop, with a handle for each where the browser gives one (so large imagery can be read in
 * place). Handles must be asked for during the drop event itself: this reads them before its first await.
 */
export function droppedFiles(
  data: DataTransfer,
): Promise<{ files: File[]; handles: Map<File, FileSystemFileHandle> }> {
  const fallback = [...data.files];
  const items = [...data.items] as unknown as DroppedItem[];
  const asked = items
    .filter((item) => item.kind === 'file' && typeof item.getAsFileSystemHandle === 'function')
    .map((item) => item.getAsFileSystemHandle!().catch(() => null));
  return (async () => {
    if (asked.length !== fallback.length) return { files: fallback, handles: new Map() };
    const handles = new Map<File, FileSystemFileHandle>();
    const files: File[] = [];
    for (const [index, pending] of asked.entries()) {
      const handle = await pending;
      if (handle?.kind === 'file') {
        const file = await (handle as FileSystemFileHandle).getFile();
        handles.set(file, handle as FileSystemFileHandle);
        files.push(file);
      } else if (fallback[index]) files.push(fallback[index]);
    }
    return { files, handles };
  })();
}

/** Files picked with the browser's handle picker (read in place when large), or null when it has none. */
export async function pickImagery(): Promise<{
  files: File[];
  handles: Map<File, FileSystemFileHandle>;
} | null> {
  const picker = openFilePicker();
  if (!picker) return null;
  let picked: FileSystemFileHandle[];
  try {
    picked = await picker({
      multiple: true,
      types: [{ description: 'GeoTIFF', accept: { 'image/tiff': ['.tif', '.tiff'] } }],
    });
  } catch (error) {
    // The user closed the picker: nothing to do.
    if (error instanceof DOMException && error.name === 'AbortError')
      return { files: [], handles: new Map() };
    throw error;
  }
  const handles = new Map<File, FileSystemFileHandle>();
  for (const handle of picked) handles.set(await handle.getFile(), handle);
  return { files: [...handles.keys()], handles };
}
