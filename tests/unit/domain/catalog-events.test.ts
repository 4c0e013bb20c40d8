import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, findEntry, isActiveCode, labelOf } from '../../../src/core/catalog.ts';
import {
  foldCatalog,
  generatedCode,
  parseCatalogEvent,
  type CatalogChange,
  type CatalogEvent,
} from '../../../src/core/catalog-events.ts';
import { createUlidFactory } from '../../../src/core/ids.ts';

const ulidAt = (ms: number) => createUlidFactory({ now: () => ms })();

function event(ms: number, payload: CatalogChange, actor = '李娜'): CatalogEvent {
  return parseCatalogEvent({
    schemaVersion: 1,
    id: ulidAt(ms),
    type: 'catalog_changed',
    at: new Date(ms).toISOString(),
    actor,
    device: 'laptop-li',
    payload,
  });
}

const addDept = (ms: number, zh = '省自然资源厅', en = 'Provincial natural resources dept.') =>
  event(ms, { table: 'departments', code: 'prov_nr', change: 'added', zh, en });

describe('foldCatalog', () => {
  it('with no events is the default catalog', () => {
    const { catalog, conflicts, unapplied } = foldCatalog([]);
    expect(catalog).toEqual(DEFAULT_CATALOG);
    expect(conflicts).toEqual([]);
    expect(unapplied).toEqual([]);
  });

  it('adds an entry with the fields its table needs', () => {
    const { catalog } = foldCatalog([
      addDept(1_000),
      event(2_000, { table: 'activityTypes', code: 'grazing', change: 'added', zh: '放牧', en: 'Grazing' }),
    ]);
    const dept = findEntry(catalog, 'departments', 'prov_nr');
    expect(dept?.zh).toBe('省自然资源厅');
    expect(dept?.organ).toBe('省自然资源厅');
    expect(isActiveCode(catalog, 'departments', 'prov_nr')).toBe(true);
    const grazing = findEntry(catalog, 'activityTypes', 'grazing');
    expect(grazing?.annexClass).toBe(6);
    expect(grazing?.annexZh).toBe('其他（放牧）');
    expect(DEFAULT_CATALOG.departments.some((d) => d.code === 'prov_nr')).toBe(false);
  });

  it('renames a label and keeps the code', () => {
    const { catalog } = foldCatalog([
      addDept(1_000),
      event(2_000, {
        table: 'departments',
        code: 'prov_nr',
        change: 'relabelled',
        zh: '省自然资源厅（林业局）',
      }),
    ]);
    expect(labelOf(catalog, 'departments', 'prov_nr', 'zh')).toBe('省自然资源厅（林业局）');
    expect(labelOf(catalog, 'departments', 'prov_nr', 'en')).toBe('Provincial natural resources dept.');
  });

  it('retires an entry: still labelled, no longer active; restore brings it back', () => {
    const retire = event(2_000, { table: 'clueSources', code: 'petition', change: 'retired' });
    const retired = foldCatalog([retire]).catalog;
    expect(labelOf(retired, 'clueSources', 'petition')).toBe('信访举报');
    expect(findEntry(retired, 'clueSources', 'petition')?.retired).toBe(true);
    expect(isActiveCode(retired, 'clueSources', 'petition')).toBe(false);
    const restored = foldCatalog([
      retire,
      event(3_000, { table: 'clueSources', code: 'petition', change: 'restored' }),
    ]);
    expect(isActiveCode(restored.catalog, 'clueSources', 'petition')).toBe(true);
  });

  it('applies events in id order whatever order they come in', () => {
    const a = addDept(1_000);
    const b = event(2_000, { table: 'departments', code: 'prov_nr', change: 'relabelled', zh: '甲' });
    const c = event(3_000, { table: 'departments', code: 'prov_nr', change: 'relabelled', zh: '乙' });
    const one = foldCatalog([a, b, c]).catalog;
    const two = foldCatalog([c, a, b]).catalog;
    expect(two).toEqual(one);
    expect(labelOf(one, 'departments', 'prov_nr')).toBe('乙');
  });

  it('two offices adding the same code with different labels: the earlier event wins, the other is listed', () => {
    const early = addDept(1_000, '省自然资源厅', 'Provincial NR dept.');
    const late = addDept(5_000, '自然资源厅', 'NR department');
    for (const order of [
      [early, late],
      [late, early],
    ]) {
      const { catalog, conflicts } = foldCatalog(order);
      expect(labelOf(catalog, 'departments', 'prov_nr')).toBe('省自然资源厅');
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]?.kept.eventId).toBe(early.id);
      expect(conflicts[0]?.dropped.id).toBe(late.id);
    }
  });

  it('the same addition twice (same labels) is no conflict, and a repeated event counts once', () => {
    const a = addDept(1_000);
    const again = addDept(2_000);
    const { catalog, conflicts } = foldCatalog([a, a, again]);
    expect(conflicts).toEqual([]);
    expect(catalog.departments.filter((d) => d.code === 'prov_nr')).toHaveLength(1);
  });

  it('lists what cannot apply instead of throwing', () => {
    const orphan = event(1_000, { table: 'departments', code: 'nowhere', change: 'retired' });
    const { unapplied, catalog } = foldCatalog([orphan]);
    expect(unapplied.map((u) => u.event.id)).toEqual([orphan.id]);
    expect(catalog).toEqual(DEFAULT_CATALOG);
  });

  it('refuses events on fixed tables and additions without labels', () => {
    const base = {
      schemaVersion: 1,
      id: ulidAt(1),
      type: 'catalog_changed',
      at: '2026-12-07T08:00:00Z',
      actor: 'a',
      device: 'd',
    };
    expect(() =>
      parseCatalogEvent({
        ...base,
        payload: { table: 'stages', code: 'x', change: 'added', zh: 'x', en: 'x' },
      }),
    ).toThrow(/table/);
    expect(() =>
      parseCatalogEvent({ ...base, payload: { table: 'departments', code: 'x', change: 'added', zh: 'x' } }),
    ).toThrow(/zh and an en/);
    expect(() =>
      parseCatalogEvent({
        ...base,
        payload: { table: 'departments', code: '省厅', change: 'added', zh: 'x', en: 'x' },
      }),
    ).toThrow(/code/);
  });

  it('migrates the old settings overrides into the fold, under the events', () => {
    const overrides = {
      departments: { add: [{ code: 'old_dept', zh: '旧部门', en: 'Old dept', organ: '旧部门机关' }] },
      clueSources: { relabel: { petition: { zh: '群众信访' } }, retire: ['public_opinion'] },
    };
    const { catalog } = foldCatalog(
      [event(1_000, { table: 'departments', code: 'old_dept', change: 'retired' })],
      overrides,
    );
    expect(findEntry(catalog, 'departments', 'old_dept')?.organ).toBe('旧部门机关');
    expect(isActiveCode(catalog, 'departments', 'old_dept')).toBe(false);
    expect(labelOf(catalog, 'clueSources', 'petition')).toBe('群众信访');
    expect(isActiveCode(catalog, 'clueSources', 'public_opinion')).toBe(false);
    // An event adding a code the old settings already added with other labels is a conflict, settings kept.
    const clash = foldCatalog(
      [event(2_000, { table: 'departments', code: 'old_dept', change: 'added', zh: '新', en: 'New' })],
      overrides,
    );
    expect(clash.conflicts[0]?.kept.zh).toBe('旧部门');
    expect(clash.conflicts[0]?.kept.eventId).toBeUndefined();
  });

  it('generates codes that fit the code rule', () => {
    const code = generatedCode('departments', ulidAt(1_000));
    expect(code).toMatch(/^depa_[0-9a-z]{8}$/);
  });
});
