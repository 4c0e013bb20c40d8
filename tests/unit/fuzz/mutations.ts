/**
 * Byte-level mutations of valid files, as plain data (a plan) so a case can be regenerated from its seed and
 * index, saved, and read in a report. Positions are unbounded naturals taken modulo the current length, so a
 * plan fits any seed file; half of them fall in the first or last 256 bytes, where headers and footers live.
 */
import fc from 'fast-check';

export type Mutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'splice'; at: number; from: number; length: number }
  | { op: 'overwrite'; at: number; value: number; width: 1 | 2 | 4; littleEndian: boolean }
  | { op: 'repeat'; at: number; length: number; times: number };

/** Boundary values that break length and count fields. */
const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff];

const position = fc.oneof(
  fc.nat(255).map((n) => n), // near the start
  fc.nat(255).map((n) => -1 - n), // near the end
  fc.nat(),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, bit: fc.nat(7) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: position,
      bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 16 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('splice' as const),
      at: position,
      from: position,
      length: fc.integer({ min: 1, max: 512 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('overwrite' as const),
      at: position,
      value: fc.oneof(fc.constantFrom(...INTERESTING), fc.nat()),
      width: fc.constantFrom(1 as const, 2 as const, 4 as const),
      littleEndian: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('repeat' as const),
      at: position,
      length: fc.integer({ min: 1, max: 64 }),
      times: fc.integer({ min: 2, max: 64 }),
    }),
  },
);

/** One to eight mutations. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(mutation, { minLength: 1, maxLength: 8 });

const place = (at: number, length: number): number =>
  length === 0 ? 0 : at < 0 ? Math.max(0, length + at) : at % (length + 1);

/** Apply mutations in order to a copy of `bytes`. */
export function mutate(bytes: Uint8Array, plan: readonly Mutation[]): Uint8Array {
  let out: Uint8Array = Uint8Array.from(bytes);
  for (const m of plan) {
    const at = place(m.at, out.length);
    switch (m.op) {
      case 'flip':
        if (at < out.length) out[at] = (out[at] ?? 0) ^ (1 << m.bit);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'insert':
        out = concat(out.subarray(0, at), Uint8Array.from(m.bytes), out.subarray(at));
        break;
      case 'splice': {
        const from = place(m.from, out.length);
        const chunk = out.slice(from, from + m.length);
        out = concat(out.subarray(0, at), chunk, out.subarray(at));
        break;
      }
      case 'overwrite': {
        if (at + m.width > out.length) break;
        const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
        if (m.width === 1) view.setUint8(at, m.value & 0xff);
        else if (m.width === 2) view.setUint16(at, m.value & 0xffff, m.littleEndian);
        else view.setUint32(at, m.value >>> 0, m.littleEndian);
        break;
      }
      case 'repeat': {
        const chunk = out.slice(at, at + m.length);
        const copies = new Uint8Array(chunk.length * m.times);
        for (let i = 0; i < m.times; i += 1) copies.set(chunk, i * chunk.length);
        out = concat(out.subarray(0, at), copies, out.subarray(at));
        break;
      }
    }
  }
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A short human description of a plan, for reports. */
export function describeMutations(plan: readonly Mutation[]): string {
  return plan
    .map((m) =>
      m.op === 'flip'
        ? `flip@${m.at}.${m.bit}`
        : m.op === 'truncate'
          ? `truncate@${m.at}`
          : m.op === 'insert'
            ? `insert@${m.at}×${m.bytes.length}`
            : m.op === 'splice'
              ? `splice@${m.at}<-${m.from}×${m.length}`
              : m.op === 'overwrite'
                ? `set${m.width * 8}@${m.at}=${m.value}`
                : `repeat@${m.at}×${m.length}×${m.times}`,
    )
    .join(' ');
}
