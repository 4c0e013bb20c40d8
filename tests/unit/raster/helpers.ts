/** Test helpers: masks drawn as text ('#' = 1), one string per row. */
export function maskFromRows(rows: string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0]?.length ?? 0;
  return {
    mask: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0)),
    width,
    height: rows.length,
  };
}

/** The mask as text rows. */
export function rowsFromMask(mask: ArrayLike<number>, width: number, height: number): string[] {
  return Array.from({ length: height }, (_, y) =>
    Array.from({ length: width }, (_, x) => (mask[y * width + x] ? '#' : '.')).join(''),
  );
}
