/** Strings of the yearly cycle (the year's duties calendar) and the yearly supervision report, zh first. */

export const YEARLY_MESSAGES = {
  'yearly.title': { zh: '年度工作日历', en: "The year's duties" },
  'yearly.year': { zh: '年度', en: 'Year' },
  'yearly.duty': { zh: '工作事项', en: 'Duty' },
  'yearly.dueOn': { zh: '截止日期', en: 'Due' },
  'yearly.status': { zh: '状态', en: 'Status' },
  'yearly.kind.problem_list': {
    zh: '形成{year}年疑似生态破坏问题清单',
    en: 'List of suspected problems of {year}',
  },
  'yearly.kind.assessment': {
    zh: '{year}年保护成效评估',
    en: 'Protection-effectiveness assessment of {year}',
  },
  'yearly.kind.work_summary': { zh: '{year}年工作总结', en: 'Work summary of {year}' },
  'yearly.kind.yearly_report': {
    zh: '{year}年生态保护红线监管工作报告',
    en: 'Yearly supervision report of {year}',
  },
  'yearly.status.done': { zh: '已完成', en: 'Done' },
  'yearly.status.open': { zh: '未到期', en: 'Open' },
  'yearly.status.overdue': { zh: '已逾期', en: 'Overdue' },
  'yearly.doneOn': { zh: '{on} 完成', en: 'done {on}' },
  'yearly.reviewed': { zh: '已审核 {done}/{total}', en: '{done}/{total} reviewed' },
  'yearly.markDone': { zh: '标记完成', en: 'Mark done' },
  'yearly.unmark': { zh: '撤销', en: 'Undo' },
  'yearly.howDone.problem_list': {
    zh: '上一年发现的图斑全部审核后自动完成',
    en: 'Done when every patch found last year is reviewed',
  },
  'yearly.howDone.yearly_report': {
    zh: '在“导出与交换”中导出该年度报告后完成',
    en: 'Done when the report of the year is exported',
  },
  'yearly.month': { zh: '月份', en: 'Month' },
  'yearly.monthsHint': { zh: '每月到期数（1–12 月）', en: 'Due per month (January to December)' },
  'yearly.planPasses': { zh: '监测到期', en: 'Plan passes due' },
  'yearly.caseDues': { zh: '办理到期', en: 'Case due dates' },
  'yearly.monthN': { zh: '{n}', en: '{n}' },
  'yearly.export': { zh: '年度监管工作报告', en: 'Yearly supervision report' },
  'yearly.exportHint': {
    zh: '按台账统计：问题办理阶段、县级分布、活动类型、逾期、销号与整改面积、重大问题。',
    en: 'Counted from the ledger: stages, counties, activity types, overdue, closed and rectified area, major problems.',
  },
  'yearly.badYear': {
    zh: '年度应为 2000 至 2100 之间的整数。',
    en: 'The year must be a whole number from 2000 to 2100.',
  },
} as const;

export type YearlyMessageKey = keyof typeof YEARLY_MESSAGES;
