/**
 * Strings of the newcomer's flow: the operator-name prompt, the review panel's keys and guesses, and the
 * ledger's history wording. They are read through `t(key)` of i18n.svelte.ts.
 */

const zh = {
  'actor.dialog.title': '请填写操作人姓名',
  'actor.dialog.why':
    '姓名会记录在每条会商、办理和证据记录中，并记在本机上；以后可在“问题台账”页修改。填写后刚才的操作会继续。',
  'actor.dialog.label': '姓名',
  'actor.dialog.save': '确定并继续',
  'actor.dialog.cancel': '暂不填写',
  'actor.dialog.blank': '请输入姓名。',
  'review.confirm': 'Y 确认',
  'review.reject': 'N 排除',
  'review.guess': '建议：{label}（未确认）',
  'review.guessHint': '按 Y 确认时将记录为“按建议采用”；用数字键或 Q/W/E/R 可改。',
  'review.accepted': '人类活动类型、问题类型按系统建议采用：{types}',
  'review.undone': '已撤销图斑 {id} 的会商结论。',
  'review.noteSaved': '备注已保存（{id}）。',
  'history.to.advanced': '转入',
  'history.status.undone': '已撤销',
  'history.status.skipped': '未生效',
  'cases.noDue': '—',
} as const;

export type FlowMessageKey = keyof typeof zh;

const en: Record<FlowMessageKey, string> = {
  'actor.dialog.title': 'Your name, please',
  'actor.dialog.why':
    'It is recorded with every review decision, action and piece of evidence, and remembered on this device; you can change it on the Cases tab. What you just did continues once it is given.',
  'actor.dialog.label': 'Name',
  'actor.dialog.save': 'Save and continue',
  'actor.dialog.cancel': 'Not now',
  'actor.dialog.blank': 'Please enter a name.',
  'review.confirm': 'Y Confirm',
  'review.reject': 'N Reject',
  'review.guess': 'Suggested: {label} (not confirmed)',
  'review.guessHint': 'Y records it as “accepted as suggested”; digits or Q/W/E/R change it.',
  'review.accepted': 'Activity and problem types accepted as suggested: {types}',
  'review.undone': 'Undid the review decision on {id}.',
  'review.noteSaved': 'Note saved ({id}).',
  'history.to.advanced': 'Moved to',
  'history.status.undone': 'undone',
  'history.status.skipped': 'not applied',
  'cases.noDue': '—',
};

/** This feature's part of the catalog that `t` reads (src/i18n/catalog.ts). */
export const FLOW_MESSAGES: Record<'zh' | 'en', Record<FlowMessageKey, string>> = { zh, en };
