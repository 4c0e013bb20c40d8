/**
 * Text encoding of attribute bytes (DBF, CSV): the declared one (.cpg, DBF language driver) unless the bytes
 * prove it wrong, else detected (UTF-8 first: GBK text is almost never valid UTF-8), plus a check for text that
 * still looks garbled after decoding.
 */
import type { ImportWarning } from '../import-error.ts';

export interface EncodingChoice {
  /** A TextDecoder label. */
  label: string;
  /** Name shown to the user. */
  display: string;
  warnings: ImportWarning[];
}

/** A raw text value and the field it came from. */
export interface TextSample {
  field: string;
  bytes: Uint8Array;
}

const DISPLAY: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8',
  gbk: 'GBK',
  gb18030: 'GB18030',
  big5: 'Big5',
};

/** TextDecoder label of a .cpg text ("UTF-8", "CP936", "936", "GBK", "ANSI 936", …), or null. */
export function encodingFromCpg(text: string): string | null {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/^ANSI\s*/, '');
  if (t === '') return null;
  if (/^(UTF-?8|65001)$/.test(t)) return 'utf-8';
  if (/^(CP)?936$|^GBK$|^GB2312$|^EUC-CN$/.test(t)) return 'gbk';
  if (/^GB18030$|^(CP)?54936$/.test(t)) return 'gb18030';
  if (/^(CP)?950$|^BIG5$/.test(t)) return 'big5';
  if (/^(CP|WINDOWS-)?125[0-8]$/.test(t)) return `windows-${t.slice(-4)}`;
  if (/^(ISO[-_]?)?8859[-_]?1$|^LATIN1$/.test(t)) return 'iso-8859-1';
  try {
    return new TextDecoder(t.toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/** TextDecoder label of a DBF language-driver id when it names a Chinese code page. */
export function encodingFromLdid(ldid: number): string | null {
  if (ldid === 0x4d || ldid === 0x7a) return 'gbk'; // code page 936
  if (ldid === 0x4f || ldid === 0x78) return 'big5'; // code page 950
  return null;
}

function decodes(label: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return true;
  } catch {
    // A value cut at the field width may end in half a character: forgive one trailing lead byte.
    if (bytes.byteLength > 1 && (bytes[bytes.byteLength - 1] ?? 0) >= 0x80) {
      try {
        new TextDecoder(label, { fatal: true }).decode(bytes.subarray(0, -1));
        return true;
      } catch {
        return false;
      }
    }
    return false;
  }
}

function failures(label: string, samples: TextSample[]): number {
  return samples.reduce((n, s) => n + (decodes(label, s.bytes) ? 0 : 1), 0);
}

/**
 * Signs of mojibake: replacement chars, private-use chars (GBK's user area), C1 controls, Latin-1 runs (GBK read
 * as Latin-1), "锟斤拷" and "€" between Han characters (UTF-8 read as GBK).
 */
const GARBLED =
  /[\ufffd\ue000-\uf8ff\u0080-\u009f]|[\u00c0-\u00ff]{2,}|锟斤拷|[\u4e00-\u9fff]€|€[\u4e00-\u9fff]/;

/** First decoded sample that looks garbled. */
export function findGarbled(label: string, samples: TextSample[]): { field: string; sample: string } | null {
  const decoder = new TextDecoder(label);
  for (const s of samples) {
    const text = decoder.decode(s.bytes);
    if (GARBLED.test(text)) return { field: s.field, sample: text.slice(0, 40) };
  }
  return null;
}

/**
 * Choose the encoding of non-ASCII samples. `declared` comes from .cpg (or null); `hint` from the DBF
 * language driver.
 */
export function chooseEncoding(
  file: string,
  declaredText: string | null,
  hint: string | null,
  samples: TextSample[],
): EncodingChoice {
  const warnings: ImportWarning[] = [];
  const finish = (label: string): EncodingChoice => {
    const garbled = findGarbled(label, samples);
    if (garbled) warnings.push({ code: 'garbled_text', detail: { file, ...garbled } });
    return { label, display: DISPLAY[label] ?? label, warnings };
  };
  const declared = declaredText === null ? null : encodingFromCpg(declaredText);
  if (declaredText !== null && declared === null) {
    warnings.push({ code: 'cpg_unknown', detail: { file, declared: declaredText.trim() } });
  }
  if (samples.length === 0) return finish(declared ?? hint ?? 'utf-8');
  const utf8Bad = failures('utf-8', samples);
  const gbkBad = failures('gbk', samples);
  const chosen = declared ?? hint;
  if (chosen) {
    const bad = chosen === 'utf-8' ? utf8Bad : chosen === 'gbk' ? gbkBad : failures(chosen, samples);
    const better = utf8Bad === 0 ? 'utf-8' : gbkBad === 0 ? 'gbk' : null;
    if (bad > 0 && better && better !== chosen) {
      warnings.push({
        code: 'cpg_mismatch',
        detail: {
          file,
          declared: declaredText?.trim() || (DISPLAY[chosen] ?? chosen),
          used: DISPLAY[better] ?? better,
        },
      });
      return finish(better);
    }
    return finish(chosen);
  }
  // Valid UTF-8 is taken silently (it is the norm and GBK text is almost never valid UTF-8); GBK is announced.
  const detected = utf8Bad <= gbkBad ? 'utf-8' : 'gbk';
  if (detected !== 'utf-8')
    warnings.push({ code: 'encoding_detected', detail: { file, encoding: DISPLAY[detected] ?? detected } });
  return finish(detected);
}
