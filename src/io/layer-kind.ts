/**
 * Guess what a layer is (red line, ecological-space control zone, nature reserve, administrative division)
 * from its file name and field names. The user confirms the guess; this only pre-selects.
 */

export type LayerKind = 'redline' | 'control_zone' | 'reserve' | 'admin' | 'other';

export interface LayerKindGuess {
  kind: LayerKind;
  /** high: a clear name match with no close rival; low: weak or contested evidence; none: nothing matched. */
  confidence: 'high' | 'low' | 'none';
  /** What matched, e.g. "name:生态保护红线", "field:XZQDM". */
  reasons: string[];
}

interface Rule {
  kind: Exclude<LayerKind, 'other'>;
  pattern: RegExp;
  weight: number;
}

/** File-name evidence. Order of kinds also breaks ties: red line first. */
const NAME_RULES: readonly Rule[] = [
  { kind: 'redline', pattern: /生态保护红线|生态红线|红线/, weight: 3 },
  { kind: 'redline', pattern: /red[\s_-]?line|stbhhx|hongxian/i, weight: 3 },
  { kind: 'control_zone', pattern: /生态空间|管控/, weight: 3 },
  { kind: 'control_zone', pattern: /control|guankong|gkq|eco[\s_-]?space/i, weight: 2 },
  {
    kind: 'reserve',
    pattern:
      /自然保护地|保护区|保护地|国家公园|自然公园|风景名胜|森林公园|湿地公园|地质公园|海洋公园|沙漠公园/,
    weight: 3,
  },
  { kind: 'reserve', pattern: /reserve|protected[\s_-]?area|national[\s_-]?park|zrbhd/i, weight: 2 },
  {
    kind: 'admin',
    pattern: /行政区|行政界|区划|县界|市界|省界|乡界|乡镇界|镇界|村界|行政村|县级|乡镇/,
    weight: 3,
  },
  { kind: 'admin', pattern: /县|乡|镇|区界/, weight: 1 },
  { kind: 'admin', pattern: /admin|county|township|province|boundar|district|xzq/i, weight: 2 },
];

/** Field-name evidence: whole names (case-insensitive) or Chinese fragments. */
const FIELD_RULES: readonly Rule[] = [
  { kind: 'redline', pattern: /红线|^hx(mc|bh|lx|dm|id)?$|^stbhhx/i, weight: 1 },
  { kind: 'control_zone', pattern: /管控|生态空间|^gk(fq|lx|qmc|dj)$/i, weight: 1 },
  { kind: 'reserve', pattern: /保护地|保护区|功能分区|^(bhdmc|bhqmc|zrbhd\w*|gnfq|bhdlx|jb)$/i, weight: 1 },
  {
    kind: 'admin',
    pattern:
      /^(xzqdm|xzqmc|xzqh|adcode|pac|gb|county|township|province|city|name_[123])$|行政区(代码|名称)|区划代码|乡镇名称|县名称/i,
    weight: 1,
  },
];

const KIND_ORDER: readonly Exclude<LayerKind, 'other'>[] = ['redline', 'control_zone', 'reserve', 'admin'];

/** Guess a layer kind from its (decoded) file or layer name and its field names. */
export function guessLayerKind(name: string, fieldNames: readonly string[]): LayerKindGuess {
  const scores = new Map<LayerKind, number>();
  const reasons = new Map<LayerKind, string[]>();
  const add = (rule: Rule, reason: string): void => {
    scores.set(rule.kind, (scores.get(rule.kind) ?? 0) + rule.weight);
    reasons.set(rule.kind, [...(reasons.get(rule.kind) ?? []), reason]);
  };
  for (const rule of NAME_RULES) {
    const m = rule.pattern.exec(name);
    if (m) add(rule, `name:${m[0]}`);
  }
  for (const rule of FIELD_RULES) {
    const field = fieldNames.find((f) => rule.pattern.test(f.trim()));
    if (field !== undefined) add(rule, `field:${field}`);
  }
  const ranked = KIND_ORDER.map((kind) => ({ kind, score: scores.get(kind) ?? 0 }))
    .filter((k) => k.score > 0)
    .sort((a, b) => b.score - a.score); // stable: ties keep KIND_ORDER
  const best = ranked[0];
  if (!best) return { kind: 'other', confidence: 'none', reasons: [] };
  const second = ranked[1]?.score ?? 0;
  const confidence = best.score >= 3 && best.score - second >= 2 ? 'high' : 'low';
  return { kind: best.kind, confidence, reasons: reasons.get(best.kind) ?? [] };
}
