/**
 * English plurals in message templates: `{n:row|rows}` becomes `row` when the parameter `n` is 1, else
 * `rows`. Chinese templates do not need it. Run before `fillTemplate`.
 */
export function plurals(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(
    /\{(\w+):([^|{}]*)\|([^{}]*)\}/g,
    (whole, key: string, one: string, many: string) => {
      const value = params[key];
      if (value === undefined) return whole;
      return Number(value) === 1 ? one : many;
    },
  );
}
