/** Case bundles: round trip, idempotent import, and refusal of damaged or hostile bundles. */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Zip, ZipDeflate, zipSync, strToU8 } from 'fflate';
import { annexFiles, writeBundleToBytes, type BundleMeta } from '../../../src/io/zip-bundle.ts';
import { openBundle } from '../../../src/core/bundle/verify.ts';
import { bytesSource } from '../../../src/core/bundle/zip-index.ts';
import { readBundleContents, planBundleImport } from '../../../src/core/bundle/contents.ts';
import {
  BundleError,
  DEFAULT_LIMITS,
  BUNDLE_FORMAT_VERSION,
  manifestJsonSchema,
} from '../../../src/core/bundle/manifest.ts';
import { readFileSync } from 'node:fs';
import { migrateBundle, type RawBundle } from '../../../src/core/bundle/migrate.ts';
import { crc32, sha256Hex } from '../../../src/core/bundle/digest.ts';
import { canonicalOrder, caseStates, foldLedger } from '../../../src/core/case/ledger.ts';
import { mergeLogs } from '../../../src/core/case/merge.ts';
import { buildAnnex } from '../../../src/core/case/annex.ts';
import type { LedgerEvent } from '../../../src/core/model.ts';
import {
  SAMPLE_CATALOG,
  SAMPLE_LETTER_DATE,
  SAMPLE_SETTINGS,
  sampleLedger,
} from '../../golden/sample-ledger.ts';

const META: BundleMeta = {
  appVersion: '0.1.0',
  created: new Date('2026-11-22T08:00:00Z'),
  creator: { actor: '李娜', device: 'laptop-li' },
  project: { id: 'p-beihai', name: '北海市2026年度红线监管', settings: SAMPLE_SETTINGS },
};

let events: LedgerEvent[];
let bundle: Uint8Array;

async function refuse(bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<BundleError> {
  try {
    await openBundle(bytesSource(bytes), limits);
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('the bundle was accepted');
}

beforeAll(async () => {
  events = sampleLedger();
  const extra = [
    { path: 'photos/450521-2026-0001-01.jpg', bytes: new Uint8Array(5000).map((_, i) => (i * 31) % 251) },
    { path: 'notebook.json', bytes: strToU8('{"schemaVersion":1,"cells":[]}') },
    ...(await annexFiles(events, SAMPLE_SETTINGS, SAMPLE_CATALOG, SAMPLE_LETTER_DATE)),
  ];
  bundle = (await writeBundleToBytes(META, events, extra)).bytes;
});

describe('round trip', () => {
  it('export → import into an empty project gives the same ledger and the same annex lists', async () => {
    const opened = await openBundle(bytesSource(bundle));
    const contents = await readBundleContents(opened);
    expect(contents.events).toEqual(canonicalOrder(events));
    expect(contents.project.settings).toEqual(SAMPLE_SETTINGS);
    expect(contents.manifest.counts).toEqual({ events: events.length, cases: 10 });
    const plan = planBundleImport([], contents, 'p-beihai');
    expect([plan.added.length, plan.alreadyPresent, plan.conflicts.length, plan.sameProject]).toEqual([
      events.length,
      0,
      0,
      true,
    ]);
    expect(foldLedger(plan.merged)).toEqual(foldLedger(events));
    for (const annex of [1, 2, 4] as const)
      expect(buildAnnex(annex, caseStates(plan.merged), contents.project.settings, SAMPLE_CATALOG)).toEqual(
        buildAnnex(annex, caseStates(events), SAMPLE_SETTINGS, SAMPLE_CATALOG),
      );
    // The lists inside the bundle are the ones the importer would make.
    const csv = new TextDecoder().decode(await opened.read('lists/annex4-01.csv'));
    expect(csv).toContain('450521-2026-0001-01、450521-2026-0001-02');
  });

  it('importing twice changes nothing the second time', async () => {
    const contents = await readBundleContents(await openBundle(bytesSource(bundle)));
    const first = planBundleImport([], contents);
    const second = planBundleImport(first.merged, contents);
    expect([second.added.length, second.alreadyPresent, second.cases.length]).toEqual([0, events.length, 0]);
    expect(second.merged).toEqual(first.merged);
  });

  it('a colleague continues the work: importing their bundle back adds only their events', async () => {
    const contents = await readBundleContents(await openBundle(bytesSource(bundle)));
    const theirs = [...contents.events];
    const c5 = theirs.filter((e) => e.caseId === '450521-2026-0005');
    const next: LedgerEvent = {
      ...c5.at(-1)!,
      id: '01KZZZZZZZZZZZZZZZZZZZZZZZ' as LedgerEvent['id'],
      at: '2026-11-23T01:00:00.000Z',
      actor: '王强',
      device: 'laptop-wang',
      prev: [c5.at(-1)!.id],
      type: 'handed_over',
      payload: {
        recipient: '广西壮族自治区人民政府办公厅',
        handedOverOn: '2026-11-23',
        dueDate: '2026-12-23',
      },
    } as LedgerEvent;
    const back = await writeBundleToBytes(
      { ...META, creator: { actor: '王强', device: 'laptop-wang' } },
      mergeLogs(theirs, [next]).events,
    );
    const plan = planBundleImport(
      events,
      await readBundleContents(await openBundle(bytesSource(back.bytes))),
    );
    expect(plan.added.map((e) => e.id)).toEqual([next.id]);
    expect(plan.cases).toEqual([
      {
        caseId: '450521-2026-0005',
        newEvents: 1,
        stageBefore: 'confirmed',
        stageAfter: 'handed_over',
        skipped: 0,
      },
    ]);
  });

  it('streams: the sink receives the bundle in several chunks', async () => {
    const { writeBundle } = await import('../../../src/io/zip-bundle.ts');
    const chunks: number[] = [];
    const manifest = await writeBundle(META, events, [], async (c) => void chunks.push(c.length));
    expect(chunks.length).toBeGreaterThan(2);
    expect(manifest.entries.map((e) => e.path)).toEqual(['project.json', 'events.jsonl']);
  });
});

// ---------------------------------------------------------------- refusals

/** A raw zip from entries (bypassing the writer), for hostile cases. */
function rawZip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 6 });
}
async function manifestFor(
  entries: Record<string, Uint8Array>,
  over: Record<string, unknown> = {},
): Promise<Uint8Array> {
  const list = await Promise.all(
    Object.entries(entries).map(async ([path, bytes]) => ({
      path,
      size: bytes.length,
      sha256: await sha256Hex(bytes),
      mediaType: 'application/octet-stream',
    })),
  );
  return strToU8(
    JSON.stringify({
      format: 'redline-notebook-bundle',
      formatVersion: 1,
      appVersion: 'test',
      created: '2026-11-22T08:00:00.000Z',
      creator: { actor: 'x', device: 'y' },
      project: { id: 'p', name: 'p', province: 'p' },
      counts: { events: 0, cases: 0 },
      entries: list,
      ...over,
    }),
  );
}

describe('refusals: verified before anything touches the ledger', () => {
  it('a flipped byte in entry data is refused', async () => {
    const opened = await openBundle(bytesSource(bundle));
    expect(opened.entries.length).toBeGreaterThan(10);
    // Flip one byte in the middle of every eighth kilobyte: each lands in some entry's data or a header.
    for (let at = 200; at < bundle.length - 200; at += 8192) {
      const damaged = bundle.slice();
      damaged[at] = (damaged[at] as number) ^ 0x01;
      const error = await refuse(damaged);
      expect(['hash_mismatch', 'corrupt_zip', 'size_mismatch', 'bad_manifest', 'not_zip']).toContain(
        error.code,
      );
    }
  });

  it('any single flipped byte that changes content or structure is refused (property)', async () => {
    const small = (await writeBundleToBytes(META, events.slice(0, 12))).bytes;
    await fc.assert(
      fc.asyncProperty(fc.nat(small.length - 1), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const damaged = small.slice();
        damaged[at] = (damaged[at] as number) ^ mask;
        let accepted: Awaited<ReturnType<typeof openBundle>> | undefined;
        try {
          accepted = await openBundle(bytesSource(damaged));
        } catch (error) {
          expect(error).toBeInstanceOf(BundleError);
          return;
        }
        // Accepted only if the flip hit informational bytes: every entry must read back identical.
        const original = await openBundle(bytesSource(small));
        for (const entry of original.entries)
          expect(await accepted.read(entry.path)).toEqual(await original.read(entry.path));
      }),
      { numRuns: 300 },
    );
  });

  it('a missing entry is refused', async () => {
    const a = strToU8('a');
    const manifest = await manifestFor({ 'a.txt': a, 'b.txt': strToU8('b') });
    expect((await refuse(rawZip({ 'manifest.json': manifest, 'a.txt': a }))).code).toBe('missing_entry');
  });

  it('an entry the manifest does not list is refused', async () => {
    const a = strToU8('a');
    const manifest = await manifestFor({ 'a.txt': a });
    expect((await refuse(rawZip({ 'manifest.json': manifest, 'a.txt': a, 'evil.txt': a }))).code).toBe(
      'unexpected_entry',
    );
  });

  it('a manifest from a newer format version is refused with a clear message', async () => {
    const a = strToU8('a');
    const manifest = await manifestFor({ 'a.txt': a }, { formatVersion: BUNDLE_FORMAT_VERSION + 1 });
    const error = await refuse(rawZip({ 'manifest.json': manifest, 'a.txt': a }));
    expect(error.code).toBe('newer_format');
    expect(error.userMessage('zh')).toContain('更新版本');
    expect(error.userMessage('en')).toContain('update the app');
  });

  it('no manifest, a foreign format, an unsafe path and a non-zip are refused', async () => {
    expect((await refuse(rawZip({ 'a.txt': strToU8('a') }))).code).toBe('no_manifest');
    const foreign = await manifestFor({}, { format: 'something-else' });
    expect((await refuse(rawZip({ 'manifest.json': foreign }))).code).toBe('wrong_format');
    const evil = await manifestFor({});
    expect((await refuse(rawZip({ 'manifest.json': evil, '../x.txt': strToU8('x') }))).code).toBe('bad_path');
    expect((await refuse(strToU8('just some text, not a zip archive at all'))).code).toBe('not_zip');
  });

  it('a zip bomb with a huge declared size is refused before inflating', async () => {
    const zip = rawZip({ 'manifest.json': await manifestFor({}), 'big.bin': new Uint8Array(1000) });
    // Rewrite the declared uncompressed size of big.bin in the central directory to ~4 GB.
    const view = new DataView(zip.buffer);
    for (let p = 0; p < zip.length - 4; p += 1)
      if (
        view.getUint32(p, true) === 0x02014b50 &&
        new TextDecoder().decode(zip.subarray(p + 46, p + 53)) === 'big.bin'
      )
        view.setUint32(p + 24, 0xfffffff0, true);
    expect((await refuse(zip)).code).toBe('too_large');
  });

  it('a highly compressed entry (real bomb) is refused by its ratio', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = rawZip({ 'manifest.json': await manifestFor({ 'zeros.bin': zeros }), 'zeros.bin': zeros });
    expect((await refuse(zip)).code).toBe('ratio');
    expect((await refuse(zip, { ...DEFAULT_LIMITS, maxTotalBytes: 1024 * 1024 })).code).toBe('too_large');
  });

  it('an entry that expands beyond its declared size is stopped at that size', async () => {
    const data = new Uint8Array(300_000).map((_, i) => i % 7);
    const chunks: Uint8Array[] = [];
    const zip = new Zip((_e, c) => void chunks.push(c));
    const m = await manifestFor({ 'data.bin': data.subarray(0, 1000) });
    for (const [name, bytes] of [
      ['manifest.json', m],
      ['data.bin', data],
    ] as const) {
      const f = new ZipDeflate(name);
      zip.add(f);
      f.push(bytes, true);
    }
    zip.end();
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) out.set(c, (o += c.length) - c.length);
    // Declare 1000 bytes (and a matching CRC) in the central directory and the data descriptor.
    const v = new DataView(out.buffer);
    const crc = crc32(data.subarray(0, 1000));
    for (let p = 0; p < out.length - 4; p += 1) {
      const sig = v.getUint32(p, true);
      if (sig === 0x02014b50 && new TextDecoder().decode(out.subarray(p + 46, p + 54)) === 'data.bin') {
        v.setUint32(p + 16, crc, true);
        v.setUint32(p + 24, 1000, true);
      }
      if (sig === 0x08074b50 && v.getUint32(p + 12, true) === data.length) {
        v.setUint32(p + 4, crc, true);
        v.setUint32(p + 12, 1000, true);
      }
    }
    expect((await refuse(out)).code).toBe('size_mismatch');
  });

  it('bad events inside a verified bundle are refused before the ledger sees them', async () => {
    const project = strToU8(
      JSON.stringify({ schemaVersion: 1, id: 'p', name: 'p', settings: SAMPLE_SETTINGS }),
    );
    const jsonl = strToU8('{"schemaVersion":1,"id":"nope"}\n');
    const entries = { 'project.json': project, 'events.jsonl': jsonl };
    const zip = rawZip({ 'manifest.json': await manifestFor(entries), ...entries });
    const opened = await openBundle(bytesSource(zip));
    await expect(readBundleContents(opened)).rejects.toMatchObject({ code: 'bad_entry' });
  });
});

describe('migrations', () => {
  it('apply in order, are pure, and refuse a gap in the chain', () => {
    const raw: RawBundle = { manifest: { formatVersion: 1 }, project: { n: 1 }, events: [{ v: 1 }] };
    const chain = [
      (r: RawBundle): RawBundle => ({ ...r, events: r.events.map((e) => ({ ...(e as object), a: true })) }),
      (r: RawBundle): RawBundle => ({ ...r, project: { ...(r.project as object), b: true } }),
    ];
    const out = migrateBundle(raw, 1, chain, 3);
    expect(out).toEqual({
      manifest: { formatVersion: 3 },
      project: { n: 1, b: true },
      events: [{ v: 1, a: true }],
    });
    expect(raw).toEqual({ manifest: { formatVersion: 1 }, project: { n: 1 }, events: [{ v: 1 }] });
    expect(migrateBundle(raw, 2, chain, 3).events).toEqual([{ v: 1 }]);
    expect(() => migrateBundle(raw, 1, chain.slice(0, 1), 3)).toThrow(BundleError);
    expect(() => migrateBundle(raw, 4, chain, 3)).toThrow(BundleError);
  });
});

describe('documentation', () => {
  it('docs/bundle.schema.json is the JSON Schema of the manifest (regenerate: npm run bundle -- schema)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../docs/bundle.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(manifestJsonSchema())));
  });
});
