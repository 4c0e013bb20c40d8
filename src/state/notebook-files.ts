/** Saving a file the app made (a notebook, an XLSX sheet) through the browser's download. */

/** Offer `data` as a download named `name`. */
export function downloadFile(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke later: some browsers read the URL after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A file name safe on every OS, keeping Chinese characters. */
export function safeFileName(name: string): string {
  // Control characters are dropped by code point (a regex range of them trips the linter's rule).
  const printable = [...name].filter((ch) => ch.charCodeAt(0) >= 0x20).join('');
  return (
    printable
      .replace(/[\\/:*?"<>|]+/g, '_')
      .trim()
      .slice(0, 120) || 'notebook'
  );
}
