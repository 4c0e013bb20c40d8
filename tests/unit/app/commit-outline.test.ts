import { describe, expect, it } from 'vitest';
import type { PatchAttributes } from '../../../src/core/geo/attributes.ts';
import type { CaseId, PatchId } from '../../../src/core/ids.ts';
import type { EventDraft } from '../../../src/core/case/ledger.ts';
import type { CaseState, PatchSnapshot } from '../../../src/core/model.ts';
import {
  mergeCases,
  saveEditedOutline,
  splitCase,
  type OutlineEditScreen,
  type OutlineScreenPorts,
} from '../../../src/app/commit-outline.ts';
import { FakeDevice, T0 } from '../domain/helpers.ts';
import { eventsTo, stateOf } from '../domain/flow-helpers.ts';
import { square } from './shapes.ts';

function attrsOf(id: string): PatchAttributes {
  return {
    id: id as PatchId,
    area_m2: 10_000,
    area_ha: 1,
    area_mu: 15,
    redline_ha: 0.5,
    cx: 109.5,
    cy: 21.5,
    province: '广西壮族自治区',
    province_code: '450000',
    city: '北海市',
    city_code: '450500',
    county: '合浦县',
    county_code: '450521',
    township: '',
    township_code: '',
    location: '',
    location_en: '',
    redlines: [],
    reserves: [],
  };
}

/** A fake page: the geometry worker, numbering that spends serials only on success, the ledger and a selection. */
function fakePage(options: { ledgerFails?: boolean; shortAttribution?: boolean } = {}) {
  const one = stateOf(eventsTo(new FakeDevice('甲', 'd1'), 'RL-450521-2026-0001', 'suspected'));
  const two = stateOf(
    eventsTo(new FakeDevice('甲', 'd1', T0, 60_000, 11), 'RL-450521-2026-0002', 'suspected'),
  );
  const done = stateOf(
    eventsTo(new FakeDevice('甲', 'd1', T0, 60_000, 12), 'RL-450521-2026-0003', 'confirmed'),
  );
  const page = {
    written: [] as [CaseId, EventDraft[]][],
    spent: 0,
    selected: [] as CaseId[],
    jobs: [] as string[],
    closed: 0,
  };
  const known = new Map<CaseId, CaseState>([one, two, done].map((s) => [s.id, s]));
  const write = async (work: [CaseId, EventDraft[]][]): Promise<void> => {
    if (options.ledgerFails) throw new Error('ledger refused');
    page.written.push(...work);
  };
  const ports: OutlineScreenPorts = {
    attribute: async (_p, inputs) =>
      inputs
        .slice(options.shortAttribution ? 1 : 0)
        .map((input, i) => attrsOf(input.id ?? `450521-2026-T${i}`)),
    async commitPatches(_p, _year, drafts, commit) {
      const numbered: PatchSnapshot[] = drafts.map((d, i) => ({
        ...d,
        id: `450521-2026-${String(page.spent + i + 10).padStart(4, '0')}` as PatchId,
      }));
      await commit(numbered);
      page.spent += drafts.length;
      return numbered;
    },
    act: (caseId, drafts) => write([[caseId, [...drafts]]]),
    actMany: (work) => write(work),
    async job(label, work) {
      page.jobs.push(label);
      return work();
    },
    year: () => 2026,
    projectId: () => 'p1',
    caseState: (id) => known.get(id),
    select: (id) => page.selected.push(id),
  };
  const screen = (over: Partial<OutlineEditScreen>): OutlineEditScreen => ({
    target: one,
    draft: null,
    history: [],
    parts: [],
    mergeWith: null,
    merged: null,
    async busyWith(work) {
      const result = await work();
      page.closed += 1;
      return result;
    },
    ...over,
  });
  return { page, ports, screen, one, two, done };
}

describe('commit outline', () => {
  it('saves an edited outline as one geometry_edited event with the new area', async () => {
    const { page, ports, screen, one } = fakePage();
    const result = await saveEditedOutline(screen({ draft: square(109), history: [square(108)] }), ports);
    expect(result).toEqual({ id: one.id, areaHa: 1 });
    expect(page.written).toHaveLength(1);
    expect(page.written[0]?.[1][0]?.type).toBe('geometry_edited');
    expect(page.closed).toBe(1);
  });

  it('does nothing when the outline was not changed', async () => {
    const { page, ports, screen } = fakePage();
    expect(await saveEditedOutline(screen({ draft: square(109), history: [] }), ports)).toBeNull();
    expect(page.jobs).toEqual([]);
  });

  it('splits into new cases and supersedes the original in one write', async () => {
    const { page, ports, screen, one } = fakePage();
    const result = await splitCase(screen({ parts: [square(109), square(110)] }), ports, '拆分');
    expect(result?.ids).toHaveLength(2);
    expect(page.written.map(([, drafts]) => drafts[0]?.type)).toEqual(['opened', 'opened', 'superseded']);
    expect(page.written[2]?.[0]).toBe(one.id);
    expect(page.selected).toEqual([result?.ids[0]]);
    expect(page.spent).toBe(2);
  });

  it('writes nothing, spends no serial and keeps the editor open when the ledger refuses a split', async () => {
    const { page, ports, screen } = fakePage({ ledgerFails: true });
    await expect(splitCase(screen({ parts: [square(109), square(110)] }), ports, '拆分')).rejects.toThrow(
      'ledger refused',
    );
    expect(page.written).toEqual([]);
    expect(page.spent).toBe(0);
    expect(page.selected).toEqual([]);
    expect(page.closed).toBe(0);
  });

  it('refuses before numbering when the worker returns fewer attributes than parts', async () => {
    const { page, ports, screen } = fakePage({ shortAttribution: true });
    await expect(splitCase(screen({ parts: [square(109), square(110)] }), ports, '拆分')).rejects.toThrow(
      /different count/,
    );
    expect(page.spent).toBe(0);
    expect(page.written).toEqual([]);
  });

  it('refuses to split a case that is no longer at a detection stage, before attributing', async () => {
    const { page, ports, screen, done } = fakePage();
    await expect(
      splitCase(screen({ target: done, parts: [square(109), square(110)] }), ports, 'x'),
    ).rejects.toThrow(/cannot split or merge/);
    expect(page.jobs).toEqual([]);
  });

  it('merges two cases into one new case, both superseded', async () => {
    const { page, ports, screen, one, two } = fakePage();
    const result = await mergeCases(
      screen({ mergeWith: two.id, merged: square(109) }),
      ports,
      (o) => `并入 ${o}`,
    );
    expect(result).toMatchObject({ a: one.id, b: two.id });
    expect(page.written.map(([id, drafts]) => [id, drafts[0]?.type])).toEqual([
      [result?.id, 'opened'],
      [one.id, 'superseded'],
      [two.id, 'superseded'],
    ]);
  });
});
