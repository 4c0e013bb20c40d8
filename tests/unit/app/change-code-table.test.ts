import { describe, expect, it } from 'vitest';
import { changeCodeTable, type CodeTablePorts } from '../../../src/app/change-code-table.ts';
import { foldCatalog, type CatalogEvent } from '../../../src/core/catalog-events.ts';
import { isActiveCode, labelOf } from '../../../src/core/catalog.ts';
import { createUlidFactory } from '../../../src/core/ids.ts';

/** Fake ledger: the catalog is the fold of what was appended, as in the page. */
function ports(actor = '李娜'): CodeTablePorts & { log: CatalogEvent[]; asked: number } {
  let t = Date.UTC(2026, 11, 7, 8);
  const newId = createUlidFactory({ now: () => t });
  const fake = {
    log: [] as CatalogEvent[],
    asked: 0,
    ensureActor: async () => {
      fake.asked += 1;
      if (!actor) throw new Error('no actor');
      return actor;
    },
    device: () => 'laptop-li',
    catalog: () => foldCatalog(fake.log).catalog,
    now: () => new Date((t += 1000)),
    newId: () => newId(),
    append: async (events: readonly CatalogEvent[]) => {
      fake.log.push(...events);
    },
  };
  return fake;
}

describe('changeCodeTable', () => {
  it('adds a department with a typed code and a clue source with a generated one', async () => {
    const fake = ports();
    const dept = await changeCodeTable(fake, {
      table: 'departments',
      code: 'prov_nr',
      change: 'added',
      zh: ' 省自然资源厅 ',
      en: 'Provincial natural resources dept.',
    });
    expect(dept).toMatchObject({ written: true, event: { actor: '李娜', payload: { zh: '省自然资源厅' } } });
    const clue = await changeCodeTable(fake, {
      table: 'clueSources',
      change: 'added',
      zh: '其他部门移交线索',
      en: 'Clue handed over by another department',
    });
    expect(clue.written).toBe(true);
    const code = clue.written ? clue.event.payload.code : '';
    expect(code).toMatch(/^clue_/);
    expect(labelOf(fake.catalog(), 'clueSources', code)).toBe('其他部门移交线索');
    expect(fake.asked).toBe(2);
  });

  it('refuses in words and writes nothing: existing code, same label, unknown code, double retire', async () => {
    const fake = ports();
    const same = { table: 'departments', change: 'added', zh: '水利', en: 'Water 2' } as const;
    expect(await changeCodeTable(fake, { ...same, code: 'water' })).toMatchObject({ refusal: 'code_exists' });
    expect(await changeCodeTable(fake, same)).toMatchObject({ refusal: 'label_exists' });
    expect(await changeCodeTable(fake, { ...same, code: '水利厅' })).toMatchObject({ refusal: 'bad_code' });
    expect(await changeCodeTable(fake, { ...same, zh: '新部门', en: ' ' })).toMatchObject({
      refusal: 'missing_label',
    });
    expect(
      await changeCodeTable(fake, { table: 'departments', code: 'nowhere', change: 'retired' }),
    ).toMatchObject({ refusal: 'unknown_code' });
    expect(fake.log).toEqual([]);
    await changeCodeTable(fake, { table: 'departments', code: 'water', change: 'retired' });
    expect(isActiveCode(fake.catalog(), 'departments', 'water')).toBe(false);
    expect(
      await changeCodeTable(fake, { table: 'departments', code: 'water', change: 'retired' }),
    ).toMatchObject({ refusal: 'already_retired' });
    expect(fake.log).toHaveLength(1);
  });

  it('relabels: refuses an unchanged label, writes a new one', async () => {
    const fake = ports();
    const edit = { table: 'escalationMeasures', code: 'notice', change: 'relabelled' } as const;
    expect(await changeCodeTable(fake, { ...edit, zh: '通报' })).toMatchObject({ refusal: 'unchanged' });
    expect((await changeCodeTable(fake, { ...edit, zh: '通报批评' })).written).toBe(true);
    expect(labelOf(fake.catalog(), 'escalationMeasures', 'notice')).toBe('通报批评');
  });

  it('writes nothing when no editor name is given', async () => {
    const fake = ports('');
    await expect(
      changeCodeTable(fake, { table: 'clueSources', code: 'x', change: 'added', zh: '甲', en: 'A' }),
    ).rejects.toThrow();
    expect(fake.log).toEqual([]);
  });
});
