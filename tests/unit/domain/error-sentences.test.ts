import { describe, expect, it } from 'vitest';
import {
  WORKFLOW_ERROR_CODES,
  WORKFLOW_REFUSAL_REASONS,
  WorkflowError,
} from '../../../src/core/case/workflow.ts';
import { ACTION_REFUSED_CODES } from '../../../src/core/case/action-refusals.ts';
import { IMPORT_ERROR_CODES } from '../../../src/io/import-error.ts';
import { IMAGERY_ERROR_CODES } from '../../../workers/imagery-api.ts';
import { GEOTIFF_ERROR_CODES } from '../../../src/io/geotiff-meta.ts';
import {
  ACTION_PREFIX,
  ACTION_REFUSED_SENTENCES,
  ERROR_ACTIONS,
  ERROR_SENTENCES,
  REFUSAL_SENTENCES,
  WORKFLOW_SENTENCES,
} from '../../../src/i18n/error-sentences.ts';
import { sentenceOf } from '../../../src/state/error-words.ts';
import { ActionRefusedError } from '../../../src/state/action-refused.ts';
import { FakeDevice, T0 } from './helpers.ts';
import { propose } from '../../../src/core/case/ledger.ts';
import { DEFAULT_CATALOG } from '../../../src/core/catalog.ts';
import { defaultSettings } from '../../../src/core/model.ts';
import { eventsTo, stateOf } from './flow-helpers.ts';
import { transition } from '../../../src/core/case/workflow.ts';

type Table = Readonly<Record<string, { zh: string; en: string } | undefined>>;
const CJK = /[\u3400-\u9fff]/;

/** Every code of a list has a Chinese sentence and an English one (in English words, not the zh text). */
function expectSentences(codes: readonly string[], table: Table, what: string): void {
  const missing = codes.filter((code) => {
    const entry = table[code];
    return !entry || !CJK.test(entry.zh) || !/[A-Za-z]{3,}/.test(entry.en) || entry.en === entry.zh;
  });
  expect(missing, `${what} without a zh and en sentence`).toEqual([]);
}

describe('every error code has a sentence in zh and en', () => {
  it('workflow codes and guard reasons', () => {
    expectSentences(WORKFLOW_ERROR_CODES, WORKFLOW_SENTENCES, 'workflow codes');
    expectSentences(WORKFLOW_REFUSAL_REASONS, REFUSAL_SENTENCES, 'refusal reasons');
  });
  it('refused actions (ledger)', () => {
    expectSentences(ACTION_REFUSED_CODES, ACTION_REFUSED_SENTENCES, 'refused actions');
  });
  it('import and imagery codes, through the central table', () => {
    expectSentences(IMPORT_ERROR_CODES, ERROR_SENTENCES, 'import codes');
    expectSentences(IMAGERY_ERROR_CODES, ERROR_SENTENCES, 'imagery codes');
    expectSentences(GEOTIFF_ERROR_CODES, ERROR_SENTENCES, 'GeoTIFF reader codes');
    expectSentences(['quota'], ERROR_SENTENCES, 'storage codes');
  });
  it('every notice prefix names what failed, in both languages', () => {
    expectSentences(ERROR_ACTIONS, ACTION_PREFIX, 'prefixes');
    expect(new Set(ERROR_ACTIONS.map((a) => ACTION_PREFIX[a].zh)).size).toBe(ERROR_ACTIONS.length);
  });
});

describe('errors in words of the current language', () => {
  it('销号 refused after 核实反馈 reads as the rule, not as the machine message', () => {
    const device = new FakeDevice('甲', 'd1');
    const events = eventsTo(device, '450521-2026-0001', 'verified');
    const result = transition(
      stateOf(events),
      device.emit('450521-2026-0001', 'closed', { closedOn: '2026-06-01' }),
    );
    if (result.ok) throw new Error('expected a refusal');
    const refused = new ActionRefusedError('workflow', result.error.message, { cause: result.error });
    const zh = sentenceOf(refused, '', 'zh');
    const en = sentenceOf(refused, '', 'en');
    expect(zh).toBe('未能办理：销号前需要一条“整改合格”的复核记录。');
    expect(en).toBe('Not recorded: Closing needs a re-check record that passed.');
    expect(zh).not.toMatch(/close|closed|recheck/);
  });

  it('a stage refusal names the action and the stage in the user language', () => {
    const error = new WorkflowError('wrong_stage', 'undone: …', {
      eventType: 'handed_over',
      stage: 'suspected',
    });
    expect(sentenceOf(error, '', 'zh')).toBe(
      '未能办理：案件处于“疑似生态破坏问题图斑”阶段，此时不能移交查处。',
    );
  });

  it('no operator name is never "actor_missing"; the prefix follows what the caller was doing', () => {
    const error = new ActionRefusedError('actor_declined');
    const text = sentenceOf(error, 'T1/T2', 'zh', 'detect');
    expect(text.startsWith('检测未完成：')).toBe(true);
    expect(text).not.toContain('actor');
    expect(sentenceOf(error, '', 'zh')).toMatch(/^未能办理：/);
  });

  it('an English technical message is kept out of a Chinese notice (it goes to the details)', () => {
    const text = sentenceOf(new Error('detection needs two scenes and the engine'), 'T1/T2', 'zh', 'detect');
    expect(text).toMatch(/^检测未完成：/);
    expect(text).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('a form sent with a required field blank is refused naming that field', () => {
    const device = new FakeDevice('甲', 'd1');
    const events = eventsTo(device, '450521-2026-0001', 'rejected');
    const draft = { caseId: events[0]!.caseId, type: 'reopened' as const, payload: {} as { note: string } };
    const clock = { now: () => new Date(T0 + 9e6), newId: () => '01JQ00000000000000000000ZZ' };
    const ctx = { settings: defaultSettings('广西壮族自治区'), catalog: DEFAULT_CATALOG };
    const result = propose(draft, events, { actor: '甲', device: 'd1' }, clock, ctx);
    if (result.ok) throw new Error('expected a refusal');
    const refused = new ActionRefusedError('workflow', result.error.message, { cause: result.error });
    expect(sentenceOf(refused, '', 'zh')).toBe('未能办理：请填写“说明”。');
    expect(sentenceOf(refused, '', 'en')).toBe('Not recorded: Please fill in “Note”.');
  });

  it('import and imagery codes keep their own sentence naming the file', () => {
    const text = sentenceOf(new Error('not_tiff: bad magic'), 'a.tif', 'zh');
    expect(text).toContain('「a.tif」');
    expect(text).not.toContain('bad magic');
  });
});
