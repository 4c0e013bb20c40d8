/**
 * Strings of the code-table editor in project settings and of retired codes on cases (zh default, en), read
 * through `t(key)` of i18n.svelte.ts.
 */

const zh = {
  'codes.open': '编辑代码表…',
  'codes.openHint': '部门、线索来源、移送对象等代码表的修改即时记入台账，不必点「保存设置」。',
  'codes.title': '代码表',
  'codes.table': '代码表',
  'codes.table.departments': '移交部门',
  'codes.table.clueSources': '线索来源',
  'codes.table.referralKinds': '移送对象',
  'codes.table.escalationMeasures': '督促整改措施',
  'codes.table.rejectionReasons': '排除原因',
  'codes.table.activityTypes': '人类活动类型',
  'codes.table.problemTypes': '问题类型',
  'codes.fixed':
    '办理阶段、审核级别和核实结果由工作流程决定，不可增删或停用。每次修改都记为一条台账事件，随案卷包传递；已停用的代码在原有图斑上照常显示，但不再供新的操作选用。',
  'codes.col.code': '代码',
  'codes.col.zh': '中文名称',
  'codes.col.en': '英文名称',
  'codes.col.status': '状态',
  'codes.active': '使用中',
  'codes.retired': '已停用',
  'codes.retiredMark': '{label}（已停用）',
  'codes.rename': '改名',
  'codes.renameSave': '保存名称',
  'codes.retire': '停用',
  'codes.restore': '恢复',
  'codes.add': '新增条目',
  'codes.addSubmit': '添加',
  'codes.code': '代码（留空自动生成）',
  'codes.organ': '接收机关（附件5 抬头，留空同中文名称）',
  'codes.humanActivity': '属人类活动（保留在附件2 人类活动清单中）',
  'codes.annexClass': '对应附件1 注1 的类别',
  'codes.close': '关闭',
  'codes.saved': '代码表已更新：{label}',
  'codes.conflicts': '代码冲突（两处添加了同一代码，名称不同）',
  'codes.conflict':
    '{table}「{code}」：采用先添加的「{kept}」，未采用 {actor} 于 {date} 添加的「{dropped}」。如需改用后者，请改名。',
  'codes.refused.bad_code': '代码只能用字母、数字和 _ . -，最多 40 个字符。',
  'codes.refused.code_exists': '代码「{code}」已存在（含已停用的条目），代码不能重复使用。',
  'codes.refused.label_exists': '已有同名条目，请换一个名称或恢复原有条目。',
  'codes.refused.unknown_code': '代码「{code}」不在此代码表中。',
  'codes.refused.missing_label': '请填写中文和英文名称。',
  'codes.refused.already_retired': '「{code}」已停用。',
  'codes.refused.not_retired': '「{code}」未停用。',
  'codes.refused.unchanged': '名称没有变化，未记录。',
  'codes.imported': '导入代码表修改 {n} 条',
  'codes.importPreview': '代码表修改 {n} 条将一并导入',
  'codes.importConflicts': '有 {n} 处代码冲突（两处添加了同一代码），见项目设置 → 编辑代码表',
};

export type CodeTableMessageKey = keyof typeof zh;

const en: Record<CodeTableMessageKey, string> = {
  'codes.open': 'Edit code tables…',
  'codes.openHint':
    'Changes to departments, clue sources, referral targets and the other code tables are recorded in the ledger at once; no need to press Save settings.',
  'codes.title': 'Code tables',
  'codes.table': 'Code table',
  'codes.table.departments': 'Departments (hand-over)',
  'codes.table.clueSources': 'Clue sources',
  'codes.table.referralKinds': 'Referral targets',
  'codes.table.escalationMeasures': 'Escalation measures',
  'codes.table.rejectionReasons': 'Rejection reasons',
  'codes.table.activityTypes': 'Human-activity types',
  'codes.table.problemTypes': 'Problem types',
  'codes.fixed':
    'Stages, review levels and verification results drive the workflow: they cannot be added to or retired. Every change is recorded as a ledger event and travels in case bundles; a retired code still shows on the cases that use it but is no longer offered for new actions.',
  'codes.col.code': 'Code',
  'codes.col.zh': 'Chinese label',
  'codes.col.en': 'English label',
  'codes.col.status': 'Status',
  'codes.active': 'In use',
  'codes.retired': 'Retired',
  'codes.retiredMark': '{label} (retired)',
  'codes.rename': 'Rename',
  'codes.renameSave': 'Save name',
  'codes.retire': 'Retire',
  'codes.restore': 'Restore',
  'codes.add': 'New entry',
  'codes.addSubmit': 'Add',
  'codes.code': 'Code (blank: generated)',
  'codes.organ': 'Receiving organ (addressee of 附件5; blank: the Chinese label)',
  'codes.humanActivity': 'Human activity (stays in the 附件2 human-activity list)',
  'codes.annexClass': 'Class of 附件1 note 1',
  'codes.close': 'Close',
  'codes.saved': 'Code table updated: {label}',
  'codes.conflicts': 'Code conflicts (the same code added in two places with different labels)',
  'codes.conflict':
    '{table} “{code}”: the earlier addition “{kept}” is used; “{dropped}”, added by {actor} on {date}, is not. Rename the entry to use the latter.',
  'codes.refused.bad_code': 'A code may hold letters, digits and _ . - only, at most 40 characters.',
  'codes.refused.code_exists':
    'Code “{code}” exists already (retired entries included); codes are never reused.',
  'codes.refused.label_exists': 'An entry with this name exists; choose another name or restore that entry.',
  'codes.refused.unknown_code': 'Code “{code}” is not in this table.',
  'codes.refused.missing_label': 'Enter a Chinese and an English label.',
  'codes.refused.already_retired': '“{code}” is retired already.',
  'codes.refused.not_retired': '“{code}” is not retired.',
  'codes.refused.unchanged': 'The name did not change; nothing recorded.',
  'codes.imported': '{n} code-table {n:change|changes} imported',
  'codes.importPreview': '{n} code-table {n:change|changes} will be imported too',
  'codes.importConflicts':
    '{n} code {n:conflict|conflicts} (the same code added in two places): see Project settings → Edit code tables',
};

/** This feature's part of the catalog that `t` reads (src/i18n/catalog.ts). */
export const CODE_TABLE_MESSAGES: Record<'zh' | 'en', Record<CodeTableMessageKey, string>> = { zh, en };
