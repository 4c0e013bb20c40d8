/**
 * Reading the evidence of a case back: its stored file (when it is in this browser) and a small thumbnail.
 * Attaching and removing evidence are use-cases (src/app/attach-evidence.ts).
 */
import type { Evidence } from '../core/model.ts';
import { readProjectFile } from '../store/opfs.ts';
import { ledger } from './ledger.svelte.ts';

/** The stored file of a piece of evidence, or null when it is not in this browser (recorded elsewhere). */
export async function evidenceFile(evidence: Evidence): Promise<File | null> {
  const projectId = ledger.projectId;
  if (!projectId) return null;
  try {
    return await readProjectFile(projectId, evidence.fileRef);
  } catch {
    return null;
  }
}

/** A small JPEG of a photo for the case view; the photo itself when it cannot be scaled. */
export async function thumbnailOf(photo: Blob, width = 240): Promise<Blob> {
  if (photo.size < 200_000) return photo;
  try {
    const bitmap = await createImageBitmap(photo, { resizeWidth: width, resizeQuality: 'medium' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) {
      bitmap.close();
      return photo;
    }
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  } catch {
    return photo;
  }
}
