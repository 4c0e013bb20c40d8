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
