/**
 * One sentence, zh and en, for every error code a user can meet: the ledger's refusals (workflow codes, guard
 * reasons, refused actions), the readers' import codes and the imagery/storage codes. Features add their own
 * tables here (detection, exports) so `describeError` finds every code in one place; a unit test enumerates
 * the code lists where they are defined and fails on any code without a sentence in both languages.
 */
import type { RefusalReason, WorkflowErrorCode } from '../core/case/workflow.ts';
import type { ActionRefusedCode } from '../core/case/action-refusals.ts';
import { APP_ERRORS } from './app-errors.ts';
import { IMPORT_ERROR_MESSAGES, type BilingualMessage } from './import-errors.ts';

/** What the user was doing when something failed: names the notice's prefix. */
export const ERROR_ACTIONS = ['import', 'detect', 'act', 'review', 'export', 'save', 'open', 'load'] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];

export const ACTION_PREFIX: Readonly<Record<ErrorAction, BilingualMessage>> = {
  import: { zh: '无法导入「{file}」：', en: 'Could not import “{file}”: ' },
  detect: { zh: '检测未完成：', en: 'Detection did not finish: ' },
  act: { zh: '未能办理：', en: 'Not recorded: ' },
  review: { zh: '会商结论未记录：', en: 'Review decision not recorded: ' },
  export: { zh: '导出失败：', en: 'Export failed: ' },
  save: { zh: '保存失败：', en: 'Could not save: ' },
  open: { zh: '无法打开：', en: 'Could not open: ' },
  load: { zh: '加载失败：', en: 'Could not load: ' },
};

/** The machine's refusal codes. `{event}` is the action's name, `{stage}` the case's stage, `{field}` a field. */
export const WORKFLOW_SENTENCES: Readonly<Record<WorkflowErrorCode, BilingualMessage>> = {
  not_opened: {
    zh: '该图斑尚未入库，无法{event}。',
    en: 'The patch is not in the ledger yet, so it cannot be “{event}”.',
  },
  already_opened: { zh: '该图斑已经入库。', en: 'The patch is already in the ledger.' },
  wrong_stage: {
    zh: '案件处于“{stage}”阶段，此时不能{event}。',
    en: 'The case is at the stage “{stage}”; “{event}” is not possible now.',
  },
  missing_field: { zh: '请填写“{field}”。', en: 'Please fill in “{field}”.' },
  review_order: {
    zh: '审核须按 自审 → 专审 → 终审 的顺序进行。',
    en: 'Reviews must follow the order self → expert → final.',
  },
  review_mode: {
    zh: '该审核级别与项目当前的审核模式不符（见项目设置）。',
    en: 'This review level does not match the project’s review mode (see project settings).',
  },
  same_reviewer: {
    zh: '同一轮审核中，同一人不能审核两个级别，请换一位审核人。',
    en: 'One person cannot decide two levels of the same review round; another reviewer is needed.',
  },
  unknown_code: {
    zh: '所选代码已停用或不存在，请重新选择。',
    en: 'A chosen code is retired or unknown; please choose again.',
  },
  not_found: { zh: '要处理的记录不存在。', en: 'The record to act on does not exist.' },
  bad_undo: { zh: '只能撤销该案件的最后一步操作。', en: 'Only the case’s last action can be undone.' },
  refused: { zh: '此时不能{event}。', en: '“{event}” is not possible now.' },
};

/** Why a guard refused, in the words of the procedure. */
export const REFUSAL_SENTENCES: Readonly<Record<RefusalReason, BilingualMessage>> = {
  advance_order: {
    zh: '图斑须依次经过 自动变化检测图斑 → 变化线索 → 疑似生态破坏问题图斑。',
    en: 'A patch goes automatic change patch → change clue → suspected problem, in that order.',
  },
  nothing_to_rectify: {
    zh: '核实结果为“不属实”，无需整改；可直接销号（需填写说明）。',
    en: 'Verified as not substantiated: nothing to rectify; the case can be closed with a note.',
  },
  needs_passed_recheck: {
    zh: '销号前需要一条“整改合格”的复核记录。',
    en: 'Closing needs a re-check record that passed.',
  },
  close_needs_note: {
    zh: '核实不属实的案件销号时须填写说明。',
    en: 'Closing a case verified as not substantiated needs a note.',
  },
  feedback_without_transfer: {
    zh: '该案件未移交给这个部门，不能登记其反馈。',
    en: 'The case was not handed over to this department, so its feedback cannot be recorded.',
  },
  no_such_evidence: { zh: '该证据不存在或已移除。', en: 'That evidence does not exist or was removed.' },
  review_order: {
    zh: '审核须按 自审 → 专审 → 终审 的顺序进行。',
    en: 'Reviews must follow the order self → expert → final.',
  },
  already_major: {
    zh: '该案件已标记为重大问题；如需改变，请先取消标记（须填写原因）。',
    en: 'The case is already marked as a major problem; withdraw the mark first (with a reason).',
  },
  not_major: {
    zh: '该案件未标记为重大问题：请先在会商或之后标记为重大问题（须填写原因）。',
    en: 'The case is not marked as a major problem: mark it first, in review or later (with a reason).',
  },
  already_routed: {
    zh: '该重大问题已委托核实，不能重复委托。',
    en: 'This major problem was already sent to a bureau for checking.',
  },
  not_routed: {
    zh: '该重大问题尚未委托区域督察局或流域海域监督管理局核实，不能登记核实结果。',
    en: 'This major problem has not been sent to a regional or basin/marine bureau yet, so no check result can be recorded.',
  },
};

/** Actions refused before the machine was asked. */
export const ACTION_REFUSED_SENTENCES: Readonly<Record<ActionRefusedCode, BilingualMessage>> = {
  no_project: { zh: '请先打开或新建一个项目。', en: 'Open or create a project first.' },
  no_case: { zh: '找不到该案件。', en: 'The case was not found.' },
  actor_declined: {
    zh: '未填写操作人姓名，未写入任何记录。填写姓名后可重试。',
    en: 'No operator name was given, so nothing was recorded. Give a name and try again.',
  },
  nothing_to_undo: { zh: '没有可撤销的操作。', en: 'There is nothing to undo.' },
  no_decision: {
    zh: '还没有可撤销的会商结论。',
    en: 'There is no review decision to undo yet.',
  },
  decision_not_last: {
    zh: '图斑 {case} 在会商结论之后又有操作，请在问题台账中先撤销那些操作。',
    en: 'Patch {case} changed after its decision; undo those later actions on the ledger first.',
  },
  not_editable_stage: {
    zh: '只有会商确认之前的图斑可以拆分或合并。',
    en: 'Only patches not yet confirmed in review can be split or merged.',
  },
  workflow: { zh: '办理被拒绝。', en: 'The action was refused.' },
};

/** Detection failures by error name, until the engine gives codes of its own. */
export const DETECT_SENTENCES: Readonly<Record<string, BilingualMessage>> = {
  detect_cancelled: {
    zh: '检测已取消，未写入任何图斑。',
    en: 'Detection was cancelled; no patches were written.',
  },
  detect_input: {
    zh: '两期影像不适合一起检测（范围、分辨率或有效像元不足），详见“详细信息”。',
    en: 'The two images cannot be compared (extent, resolution or too few valid pixels); see the details.',
  },
};

/** Generic sentence for an error no table knows (the technical text stays in the notice's details). */
export const UNKNOWN_SENTENCE: BilingualMessage = {
  zh: '发生意外错误，项目未作修改。技术信息见“详细信息”。',
  en: 'An unexpected error occurred; the project is unchanged. See the details for the technical text.',
};

/** Every table by code, for lookup: later tables never shadow earlier ones by accident (codes are distinct). */
export const ERROR_SENTENCES: Readonly<Record<string, BilingualMessage>> = {
  ...DETECT_SENTENCES,
  ...ACTION_REFUSED_SENTENCES,
  ...WORKFLOW_SENTENCES,
  ...APP_ERRORS,
  ...IMPORT_ERROR_MESSAGES,
};
