/**
 * 重大问题 and department hand-over milestones: the mark and its withdrawal as events, routing to a bureau
 * allowed or refused in words, the 3-month 国务院 report and the department feedback milestone, the 附件4
 * column, and ledgers and settings written before these rules still loading.
 */
import { describe, expect, it } from 'vitest';
import { foldCase } from '../../../src/core/case/ledger.ts';
import { transition } from '../../../src/core/case/workflow.ts';
import {
  departmentDueDates,
  majorDueDates,
  overdueTracks,
  pendingMajorDues,
} from '../../../src/core/case/due-dates.ts';
import { ANNEX4_ADDED_KEYS, ANNEX4_COLUMNS, buildAnnex, majorText } from '../../../src/core/case/annex.ts';
import { formDefaults } from '../../../src/core/case/action-forms.ts';
import { DEFAULT_CATALOG } from '../../../src/core/catalog.ts';
import { REFUSAL_SENTENCES } from '../../../src/i18n/error-sentences.ts';
import {
  defaultSettings,
  parseEvent,
  parseSettings,
  type CaseState,
  type LedgerEvent,
  type PayloadOf,
} from '../../../src/core/model.ts';
import { FakeDevice } from './helpers.ts';
import { eventsTo, stateOf } from './flow-helpers.ts';

const ID = '450521-2026-0001';
const settings = {
  ...defaultSettings('广西壮族自治区', '450000'),
  milestoneBase: '2026-03-01',
};

function confirmedCase(): { device: FakeDevice; events: LedgerEvent[] } {
  const device = new FakeDevice('王专家', 'laptop');
  return { device, events: eventsTo(device, ID, 'confirmed') };
}
const flag = (on = '2026-03-20'): PayloadOf<'major_flagged'> => ({ reason: '毁林面积大', flaggedOn: on });
const route = (over: Partial<PayloadOf<'major_routed'>> = {}): PayloadOf<'major_routed'> => ({
  bureauKind: 'basin_marine',
  bureau: '珠江流域南海海域生态环境监督管理局',
  routedOn: '2026-04-10',
  dueDate: '2026-06-01',
  ...over,
});

describe('the major-problem mark', () => {
  it('is set with a reason, withdrawn by another event, and both stay in the history', () => {
    const { device, events } = confirmedCase();
    events.push(device.emit(ID, 'major_flagged', flag()));
    expect(stateOf(events).major?.flag.reason).toBe('毁林面积大');
    events.push(device.emit(ID, 'major_unflagged', { reason: '复核面积不足', unflaggedOn: '2026-03-25' }));
    const fold = foldCase(events);
    expect(fold.state?.major).toBeUndefined();
    const types = fold.history.filter((h) => h.status === 'applied').map((h) => h.event.type);
    expect(types.slice(-2)).toEqual(['major_flagged', 'major_unflagged']);
    // Marked again later: a new mark with its own reason.
    events.push(device.emit(ID, 'major_flagged', { reason: '新的举报', flaggedOn: '2026-04-01' }));
    expect(stateOf(events).major?.flag.reason).toBe('新的举报');
  });

  it('needs words: a blank reason is refused and nothing changes', () => {
    const { device, events } = confirmedCase();
    const before = stateOf(events);
    const result = transition(
      before,
      device.emit(ID, 'major_flagged', { reason: '  ', flaggedOn: '2026-03-20' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('missing_field');
  });

  it('can be set in review (suspected) but not before, nor twice', () => {
    const device = new FakeDevice('王专家', 'laptop');
    const clue = eventsTo(device, ID, 'clue');
    const early = transition(stateOf(clue), device.emit(ID, 'major_flagged', flag()));
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('wrong_stage');
    const reviewer = new FakeDevice('李专家', 'tablet', undefined, undefined, 9);
    const review = eventsTo(reviewer, ID, 'suspected');
    const state = stateOf([...review, reviewer.emit(ID, 'major_flagged', flag())]);
    expect(state.stage).toBe('suspected');
    expect(state.major).toBeDefined();
    const twice = transition(state, reviewer.emit(ID, 'major_flagged', flag()));
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.detail.reason).toBe('already_major');
  });
});

describe('routing to a bureau (委托核实)', () => {
  it('is refused in words for a case not marked, and for a check before routing', () => {
    const { device, events } = confirmedCase();
    const refused = transition(stateOf(events), device.emit(ID, 'major_routed', route()));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.detail.reason).toBe('not_major');
      expect(REFUSAL_SENTENCES.not_major.zh).toContain('未标记为重大问题');
    }
    events.push(device.emit(ID, 'major_flagged', flag()));
    const early = transition(
      stateOf(events),
      device.emit(ID, 'major_checked', { feedbackOn: '2026-05-01', result: '属实' }),
    );
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.detail.reason).toBe('not_routed');
  });

  it('records the bureau kind, its name and reply-by date, then its result; a second routing is refused', () => {
    const { device, events } = confirmedCase();
    events.push(device.emit(ID, 'major_flagged', flag()));
    events.push(device.emit(ID, 'major_routed', route()));
    const routed = stateOf(events);
    expect(routed.major?.routing?.bureauKind).toBe('basin_marine');
    expect(routed.major?.routing?.bureau).toContain('流域');
    const again = transition(routed, device.emit(ID, 'major_routed', route({ bureauKind: 'regional' })));
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.detail.reason).toBe('already_routed');
    events.push(device.emit(ID, 'major_checked', { feedbackOn: '2026-05-20', result: '核实属实' }));
    expect(stateOf(events).major?.check?.result).toBe('核实属实');
  });

  it('refuses an unknown bureau kind at the schema', () => {
    const { device } = confirmedCase();
    const raw = device.emit(ID, 'major_routed', route());
    expect(() => parseEvent({ ...raw, payload: { ...raw.payload, bureauKind: 'ministry' } })).toThrow(
      /bureauKind/,
    );
  });

  it('suggests the reply-by date of the three-month step, at least a month after routing', () => {
    const { device, events } = confirmedCase();
    events.push(device.emit(ID, 'major_flagged', flag()));
    const values = formDefaults('major_routed', stateOf(events), settings, '2026-04-10');
    expect(values.bureauKind).toBe('regional');
    expect(values.dueDate).toBe('2026-06-01');
    expect(formDefaults('major_routed', stateOf(events), settings, '2026-05-20').dueDate).toBe('2026-06-20');
  });
});

describe('due dates of a major problem', () => {
  type MajorCase = Pick<CaseState, 'openedOn' | 'stage' | 'major' | 'reports'>;
  const stamp = { by: 'x', at: '2026-03-20T00:00:00Z', eventId: '01JQ0000000000000000000000' as never };
  const marked = (flaggedOn: string, over: Partial<MajorCase> = {}): MajorCase => ({
    openedOn: '2026-03-05',
    stage: 'confirmed',
    reports: [],
    major: { flag: { reason: 'r', flaggedOn, ...stamp } },
    ...over,
  });

  it('routes within two months and reports to 国务院 within three, from the programme base', () => {
    expect(majorDueDates(marked('2026-03-20'), settings)).toEqual({
      routing: '2026-05-01',
      report: '2026-06-01',
    });
    // Without a base date the case's own opening day starts the clock.
    expect(majorDueDates(marked('2026-03-20'), { ...settings, milestoneBase: undefined })).toEqual({
      routing: '2026-05-05',
      report: '2026-06-05',
    });
  });

  it('leaves a month when the mark comes after a step was due', () => {
    expect(majorDueDates(marked('2026-07-15'), settings)).toEqual({
      routing: '2026-08-15',
      report: '2026-08-15',
    });
  });

  it('waits for routing, then the bureau, and for the report until one is recorded', () => {
    const c = marked('2026-03-20');
    expect(pendingMajorDues(c, settings).map((d) => d.track)).toEqual(['major_routing', 'major_report']);
    const routing = { ...route(), ...stamp };
    const routed = marked('2026-03-20', { major: { flag: c.major!.flag, routing } });
    expect(pendingMajorDues(routed, settings)).toEqual([
      { track: 'major_check', dueDate: '2026-06-01' },
      { track: 'major_report', dueDate: '2026-06-01' },
    ]);
    const reported = { ...routed, reports: [{ reportedOn: '2026-05-30', ...stamp }] };
    expect(pendingMajorDues(reported, settings).map((d) => d.track)).toEqual(['major_check']);
    expect(pendingMajorDues({ ...c, stage: 'closed' }, settings)).toEqual([]);
    expect(pendingMajorDues({ ...c, major: undefined }, settings)).toEqual([]);
  });

  it('is overdue the day after, not on the day', () => {
    const c = { ...marked('2026-03-20'), transfers: [], departmentFeedback: [] };
    expect(overdueTracks(c, '2026-05-01', settings)).toEqual([]);
    expect(overdueTracks(c, '2026-05-02', settings).map((d) => d.track)).toEqual(['major_routing']);
    expect(overdueTracks(c, '2026-06-02', settings).map((d) => d.track)).toEqual([
      'major_routing',
      'major_report',
    ]);
  });
});

describe('department hand-over milestones', () => {
  it('default to the project setting (60 days) unless the letter sets a date', () => {
    const { device, events } = confirmedCase();
    events.push(
      device.emit(ID, 'transferred_to_department', { department: 'water', transferredOn: '2026-06-10' }),
      device.emit(ID, 'transferred_to_department', {
        department: 'forestry',
        transferredOn: '2026-06-10',
        dueDate: '2026-07-01',
      }),
    );
    const state = stateOf(events);
    expect(settings.departmentFeedbackDays).toBe(60);
    expect(departmentDueDates(state, settings).map((d) => d.dueDate)).toEqual(['2026-08-09', '2026-07-01']);
    expect(departmentDueDates(state, { departmentFeedbackDays: 30 })[0]?.dueDate).toBe('2026-07-10');
  });

  it('go overdue without feedback and stop once the department answers', () => {
    const { device, events } = confirmedCase();
    events.push(
      device.emit(ID, 'transferred_to_department', { department: 'water', transferredOn: '2026-06-10' }),
    );
    expect(overdueTracks(stateOf(events), '2026-08-09', settings)).toEqual([]);
    expect(overdueTracks(stateOf(events), '2026-08-10', settings)).toEqual([
      { track: 'department', dueDate: '2026-08-09', department: 'water' },
    ]);
    events.push(
      device.emit(ID, 'department_feedback', {
        department: 'water',
        feedbackOn: '2026-08-12',
        result: '已立案',
      }),
    );
    expect(overdueTracks(stateOf(events), '2026-09-01', settings)).toEqual([]);
  });
});

describe('附件4 重大问题 column', () => {
  it('is the last column, marked as our addition, and says 是 with the bureau', () => {
    expect(ANNEX4_COLUMNS.at(-1)?.header).toBe('重大问题');
    expect(ANNEX4_ADDED_KEYS).toEqual(['major']);
    const { device, events } = confirmedCase();
    events.push(
      device.emit(ID, 'verified', { result: 'substantiated', details: '属实', feedbackOn: '2026-05-01' }),
    );
    const plain = stateOf(events);
    events.push(device.emit(ID, 'major_flagged', flag()), device.emit(ID, 'major_routed', route()));
    const major = stateOf(events);
    expect(majorText(plain)).toBe('');
    expect(majorText(major)).toBe('是（委托珠江流域南海海域生态环境监督管理局核实）');
    const table = buildAnnex(4, [major], settings, DEFAULT_CATALOG, { preselected: true });
    expect(table.headerRows[0]?.at(-1)).toMatchObject({ text: '重大问题', rowSpan: 2 });
    expect(table.rows[0]?.at(-1)).toBe(majorText(major));
    expect(table.rows[0]?.length).toBe(ANNEX4_COLUMNS.length);
  });
});

describe('old ledgers and settings', () => {
  it('load: an event log written before these rules folds with no mark, and settings get the default', () => {
    const { events } = confirmedCase();
    const old = events.map((e) => JSON.parse(JSON.stringify(e)) as unknown).map(parseEvent);
    expect(stateOf(old).major).toBeUndefined();
    const stored = { schemaVersion: 1, province: { name: '广西壮族自治区', code: '450000' } };
    expect(parseSettings(stored).departmentFeedbackDays).toBe(60);
    expect(() => parseSettings({ ...stored, departmentFeedbackDays: 0 })).toThrow(/departmentFeedbackDays/);
  });
});
