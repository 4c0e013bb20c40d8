import { describe, expect, it } from 'vitest';
import { defaultSettings, type LedgerEvent, type ProjectSettings } from '../../../src/core/model.ts';
import {
  applyBundle,
  applyPreviewedBundle,
  type BundleImportPorts,
  type ImportReport,
} from '../../../src/app/import-bundle.ts';
import type { BundleAccepted } from '../../../workers/export-api.ts';
import { FakeDevice, T0 } from '../domain/helpers.ts';
import { eventsTo } from '../domain/flow-helpers.ts';

const local = eventsTo(new FakeDevice('甲', 'd1'), 'RL-450521-2026-0001', 'suspected');
const incoming = eventsTo(new FakeDevice('乙', 'd2', T0, 60_000, 99), 'RL-450521-2026-0002', 'suspected');

function accepted(settings: ProjectSettings): BundleAccepted {
  return {
    ok: true,
    plan: {
      incoming: incoming.length + 1,
      added: [...incoming, local[0] as LedgerEvent],
      alreadyPresent: 0,
      collisions: 0,
      cases: [],
      conflicts: [],
      sameProject: true,
      from: { project: 'p', actor: '乙', created: '2026-12-01T00:00:00Z' },
    },
    project: { id: 'p1', name: 'p', settings },
    manifest: { appVersion: '0', created: '', actor: '乙', device: 'd2', entries: 3 },
    layers: [],
    photos: [],
    runs: [{ id: 'run-1' }],
    notebooks: [],
    catalogEvents: [],
  };
}

/** A fake project: its settings, its events, and a log of every write. */
function fakeProject(options: { adoptFails?: boolean } = {}) {
  const mine = defaultSettings('广西壮族自治区', '450000');
  const state = { settings: mine, events: [...local], log: [] as string[] };
  const ports: BundleImportPorts = {
    projectId: () => 'p1',
    eventIds: () => state.events.map((e) => e.id),
    settings: () => state.settings,
    saveSettings: async (settings) => {
      state.log.push('saveSettings');
      state.settings = settings;
    },
    adoptEvents: async (events) => {
      state.log.push(`adopt ${events.length}`);
      if (options.adoptFails) throw new Error('IndexedDB refused');
      state.events.push(...events);
    },
    catalogEventIds: () => [],
    adoptCatalogEvents: async () => undefined,
    addLayers: async () => 0,
    addRuns: async (_p, runs) => {
      state.log.push('runs');
      return runs.length;
    },
    addPhotos: async () => 0,
    adoptNotebooks: async () => 0,
    publish: () => state.log.push('publish'),
  };
  return { ports, state, mine };
}

const theirs = (): ProjectSettings => ({
  ...defaultSettings('广东省', '440000'),
  contact: { name: '王五', phone: '' },
});
const all = { settings: true, layers: false, notebooks: false };

describe('applyBundle', () => {
  it('adopts only the events still missing, after the settings, then the runs', async () => {
    const fake = fakeProject();
    const result = await applyBundle(fake.ports, accepted(theirs()), all);
    expect(result).toMatchObject({ events: incoming.length, settings: true, runs: 1 });
    expect(fake.state.log).toEqual(['saveSettings', `adopt ${incoming.length}`, 'runs', 'publish']);
    expect(fake.state.settings.contact.name).toBe('王五');
  });

  it('puts the previous settings back when the events cannot be written', async () => {
    const fake = fakeProject({ adoptFails: true });
    await expect(applyBundle(fake.ports, accepted(theirs()), all)).rejects.toThrow('events_not_written');
    expect(fake.state.settings).toBe(fake.mine);
    expect(fake.state.events).toHaveLength(local.length);
    expect(fake.state.log).not.toContain('runs');
    expect(fake.state.log).not.toContain('publish');
  });

  it('refuses when no project is open, writing nothing', async () => {
    const fake = fakeProject();
    const ports = { ...fake.ports, projectId: () => null };
    await expect(applyBundle(ports, accepted(theirs()), all)).rejects.toThrow('no_project');
    expect(fake.state.log).toEqual([]);
  });
});

describe('applyPreviewedBundle', () => {
  function report() {
    const said: string[] = [];
    const value: ImportReport = {
      start: () => ({ done: () => said.push('done'), fail: () => said.push('fail') }),
      imported: (r) => said.push(`imported ${r.events}`),
      failed: () => said.push('failed'),
    };
    return { said, value };
  }

  it('writes nothing for a preview made for another project, and drops it', async () => {
    const fake = fakeProject();
    const screen = { accepted: accepted(theirs()), checkedFor: 'other', result: null };
    const r = report();
    await applyPreviewedBundle(screen, fake.ports, r.value, all);
    expect(screen.accepted).toBeNull();
    expect(fake.state.log).toEqual([]);
    expect(r.said).toEqual([]);
  });

  it('keeps the preview and reports the failure when the apply fails', async () => {
    const fake = fakeProject({ adoptFails: true });
    const screen = { accepted: accepted(theirs()), checkedFor: 'p1', result: null };
    const r = report();
    await applyPreviewedBundle(screen, fake.ports, r.value, all);
    expect(screen.accepted).not.toBeNull();
    expect(screen.result).toBeNull();
    expect(r.said).toEqual(['fail', 'failed']);
  });

  it('records the result and clears the preview on success', async () => {
    const fake = fakeProject();
    const screen = { accepted: accepted(theirs()), checkedFor: 'p1', result: null };
    const r = report();
    await applyPreviewedBundle(screen, fake.ports, r.value, all);
    expect(screen.accepted).toBeNull();
    expect(screen.result).toMatchObject({ events: incoming.length });
    expect(r.said).toEqual(['done', `imported ${incoming.length}`]);
  });
});
