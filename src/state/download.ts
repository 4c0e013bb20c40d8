/** Offer a file made by the app (an export, a notebook, an XLSX sheet) as a download (Blob URL + `<a download>`). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke later: the browser reads the URL after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
