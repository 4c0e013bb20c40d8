/** Code-table edits in case bundles: carried, read back, imported once, and merged the same way by both offices. */
import { describe, expect, it } from 'vitest';
import { writeBundleToBytes, type BundleMeta } from '../../../src/io/zip-bundle.ts';
import { openBundle } from '../../../src/core/bundle/verify.ts';
import { bytesSource } from '../../../src/core/bundle/zip-index.ts';
import { CATALOG_PATH, catalogToJsonl, readBundleContents } from '../../../src/core/bundle/contents.ts';
import { BundleError } from '../../../src/core/bundle/manifest.ts';
import {
  foldCatalog,
  parseCatalogEvent,
  type CatalogChange,
  type CatalogEvent,
} from '../../../src/core/catalog-events.ts';
import { labelOf } from '../../../src/core/catalog.ts';
import { createUlidFactory } from '../../../src/core/ids.ts';
import { buildAnnex, buildLetters5 } from '../../../src/core/case/annex.ts';
import { applyBundle, type BundleImportPorts } from '../../../src/app/import-bundle.ts';
import type { BundleAccepted } from '../../../workers/export-api.ts';
import { defaultSettings, type LedgerEvent } from '../../../src/core/model.ts';
import { FakeDevice } from '../domain/helpers.ts';
import { eventsTo, stateOf } from '../domain/flow-helpers.ts';

const SETTINGS = defaultSettings('广西壮族自治区', '450000');
const META: BundleMeta = {
  appVersion: '0.1.0',
  created: new Date('2026-12-07T08:00:00Z'),
  creator: { actor: '李娜', device: 'laptop-li' },
  project: { id: 'p1', name: '北海', settings: SETTINGS },
};

function office(actor: string, seed: number) {
  let t = Date.UTC(2026, 11, 7, 8) + seed * 1000;
  const newId = createUlidFactory({ now: () => t });
  return (payload: CatalogChange): CatalogEvent =>
    parseCatalogEvent({
      schemaVersion: 1,
      id: newId(),
      type: 'catalog_changed',
      at: new Date((t += 60_000)).toISOString(),
      actor,
      device: `dev-${actor}`,
      payload,
    });
}

async function bundleOf(events: LedgerEvent[], catalogEvents: CatalogEvent[]): Promise<Uint8Array> {
  const files =
    catalogEvents.length > 0
      ? [{ path: CATALOG_PATH, bytes: new TextEncoder().encode(catalogToJsonl(catalogEvents)) }]
      : [];
  return (await writeBundleToBytes(META, events, files)).bytes;
}

/** A fake project for applyBundle that records both logs. */
function project() {
  const state = { events: [] as LedgerEvent[], codes: [] as CatalogEvent[] };
  const ports: BundleImportPorts = {
    projectId: () => 'p1',
    eventIds: () => state.events.map((e) => e.id),
    settings: () => SETTINGS,
    saveSettings: async () => undefined,
    adoptEvents: async (events) => void state.events.push(...events),
    catalogEventIds: () => state.codes.map((e) => e.id),
    adoptCatalogEvents: async (events) => void state.codes.push(...events),
    addLayers: async () => 0,
    addRuns: async () => 0,
    addPhotos: async () => 0,
    adoptNotebooks: async () => 0,
    publish: () => undefined,
  };
  return { ports, state };
}

function acceptedOf(added: LedgerEvent[], catalogEvents: readonly CatalogEvent[]): BundleAccepted {
  return {
    ok: true,
    plan: {
      incoming: added.length,
      added,
      alreadyPresent: 0,
      collisions: 0,
      cases: [],
      conflicts: [],
      sameProject: true,
      from: { project: 'p', actor: '乙', created: '' },
    },
    project: { id: 'p1', name: 'p', settings: SETTINGS },
    manifest: { appVersion: '0', created: '', actor: '乙', device: 'd2', entries: 3 },
    layers: [],
    photos: [],
    runs: [],
    notebooks: [],
    catalogEvents: [...catalogEvents],
  };
}

describe('code-table edits in bundles', () => {
  const nanning = office('王强', 1);
  const codes = [
    nanning({
      table: 'departments',
      code: 'prov_nr',
      change: 'added',
      zh: '省自然资源厅',
      en: 'Provincial NR dept.',
    }),
    nanning({
      table: 'clueSources',
      code: 'dept_handover',
      change: 'added',
      zh: '其他部门移交线索',
      en: 'From another dept.',
    }),
    nanning({ table: 'departments', code: 'prov_nr', change: 'retired' }),
  ];

  it('round trip: catalog.jsonl is written, verified and read back as the same events', async () => {
    const opened = await openBundle(bytesSource(await bundleOf([], [...codes].reverse())));
    expect(opened.entries.map((e) => e.path)).toContain(CATALOG_PATH);
    const contents = await readBundleContents(opened);
    expect(contents.catalogEvents).toEqual(codes);
  });

  it('a bundle without catalog.jsonl (older writers) reads as no edits', async () => {
    const contents = await readBundleContents(await openBundle(bytesSource(await bundleOf([], []))));
    expect(contents.catalogEvents).toEqual([]);
  });

  it('a damaged catalog line refuses the bundle, naming the entry', async () => {
    const bad = { ...codes[0], payload: { table: 'stages', code: 'x', change: 'added', zh: 'x', en: 'x' } };
    const bytes = (
      await writeBundleToBytes(
        META,
        [],
        [{ path: CATALOG_PATH, bytes: new TextEncoder().encode(JSON.stringify(bad)) }],
      )
    ).bytes;
    const error = await readBundleContents(await openBundle(bytesSource(bytes))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect(String((error as Error).message)).toContain(CATALOG_PATH);
  });

  it('importing applies the edits, and a second import adds none', async () => {
    const target = project();
    const contents = await readBundleContents(await openBundle(bytesSource(await bundleOf([], codes))));
    const first = await applyBundle(target.ports, acceptedOf([], contents.catalogEvents), {
      settings: false,
      layers: false,
      notebooks: false,
    });
    const second = await applyBundle(target.ports, acceptedOf([], contents.catalogEvents), {
      settings: false,
      layers: false,
      notebooks: false,
    });
    expect([first.codes, second.codes]).toEqual([3, 0]);
    expect(target.state.codes).toHaveLength(3);
    const catalog = foldCatalog(target.state.codes).catalog;
    expect(labelOf(catalog, 'clueSources', 'dept_handover')).toBe('其他部门移交线索');
  });

  it('two offices adding the same code with other labels end with the same catalog and see the conflict', () => {
    const beihai = office('李娜', 0);
    const mine = beihai({
      table: 'departments',
      code: 'prov_nr',
      change: 'added',
      zh: '自治区自然资源厅',
      en: 'Regional NR dept.',
    });
    const theirs = codes[0] as CatalogEvent;
    const here = foldCatalog([mine, theirs]);
    const there = foldCatalog([theirs, mine]);
    expect(here.catalog).toEqual(there.catalog);
    const winner = mine.id < theirs.id ? mine : theirs;
    expect(labelOf(here.catalog, 'departments', 'prov_nr')).toBe(winner.payload.zh);
    expect(here.conflicts.map((c) => c.dropped.id)).toEqual([(winner === mine ? theirs : mine).id]);
  });

  it('exports label an old case with a retired code as it was (annex 4 and letter 5)', () => {
    const device = new FakeDevice('李娜', 'laptop-li');
    const caseId = 'RL-450521-2026-0001';
    const events = eventsTo(device, caseId, 'verified');
    events.push(
      device.emit(caseId, 'transferred_to_department', {
        department: 'prov_nr',
        transferredOn: '2026-12-01',
      }),
    );
    const state = stateOf(events);
    const catalog = foldCatalog(codes).catalog;
    const [letter] = buildLetters5([state], SETTINGS, catalog, { date: '2026-12-07' });
    expect(letter?.addressee).toContain('省自然资源厅');
    expect(
      JSON.stringify(buildAnnex(4, [state], SETTINGS, catalog, { province: '广西壮族自治区' })),
    ).toContain('省自然资源厅');
  });
});
