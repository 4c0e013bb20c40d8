/**
 * Sort order "by due date": earliest due date first (ISO dates compare as text only when both are well
 * formed, so they are checked), cases without a due date last, ties by case id so the order is stable.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function byDueDate<T extends { readonly id: string }>(
  dueOf: (item: T) => string | undefined,
): (a: T, b: T) => number {
  return (a, b) => {
    const da = dueOf(a);
    const db = dueOf(b);
    const ha = da !== undefined && ISO_DATE.test(da);
    const hb = db !== undefined && ISO_DATE.test(db);
    if (ha && hb && da !== db) return da < db ? -1 : 1;
    if (ha !== hb) return ha ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
