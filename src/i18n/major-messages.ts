/** Strings of major problems (重大问题) and department hand-over milestones, zh first. */

export const MAJOR_MESSAGES = {
  'major.section': { zh: '重大问题', en: 'Major problem' },
  'major.badge': { zh: '重大', en: 'Major' },
  'major.reason': { zh: '标记理由', en: 'Reason' },
  'major.markedBy': { zh: '{by} 于 {on} 标记', en: 'Marked by {by} on {on}' },
  'major.routing': { zh: '委托核实', en: 'Sent for checking' },
  'major.notRouted': { zh: '尚未委托区域督察局或流域海域监督管理局核实', en: 'Not yet sent to a bureau' },
  'major.routedTo': { zh: '{on} 委托{bureau}（{kind}）核实', en: 'Sent to {bureau} ({kind}) on {on}' },
  'major.check': { zh: '核实结果', en: 'Check result' },
  'major.reported': { zh: '已于 {on} 报告国务院', en: 'Reported to the State Council on {on}' },
  'major.track.major_routing': { zh: '委托核实期限', en: 'Send for checking by' },
  'major.track.major_check': { zh: '督察局核实反馈期限', en: "Bureau's result by" },
  'major.track.major_report': { zh: '报告国务院期限', en: 'Report to the State Council by' },
  'major.track.department': { zh: '{department}反馈期限', en: '{department} feedback by' },
  'major.overdueDays': { zh: '已逾期 {n} 天', en: '{n} days overdue' },
  'major.departments': { zh: '部门移交与反馈', en: 'Department hand-overs' },
  'major.dept.answered': { zh: '{department}：{on} 移交，已反馈', en: '{department}: sent {on}, answered' },
  'major.dept.waiting': {
    zh: '{department}：{on} 移交，反馈期限 {due}',
    en: '{department}: sent {on}, feedback due {due}',
  },
  'major.filter': { zh: '关注', en: 'Watch' },
  'major.filter.major': { zh: '重大问题', en: 'Major problems' },
  'major.filter.departmentOverdue': { zh: '部门反馈逾期', en: 'Department feedback overdue' },
  'major.flag': { zh: '标记为重大问题', en: 'Mark as major problem' },
  'major.unflag': { zh: '取消重大问题标记', en: 'Withdraw the major-problem mark' },
  'major.reasonLabel': { zh: '理由（必填）', en: 'Reason (required)' },
  'major.save': { zh: '确定', en: 'Save' },
  'major.reasonRequired': {
    zh: '请填写理由：标记或取消重大问题都须说明原因。未写入任何记录。',
    en: 'Give a reason: marking or withdrawing a major problem needs one. Nothing was recorded.',
  },
  'major.flagged': { zh: '重大问题：{reason}', en: 'Major problem: {reason}' },
  'major.settings.departmentDays': { zh: '部门反馈期限', en: 'Department feedback within' },
  'major.settings.days': { zh: '天', en: 'days' },
  'major.settings.departmentDaysHint': {
    zh: '移交有关部门（附件5）后，函件未写明反馈日期时，按此天数计算反馈期限；规则未规定期限，60 天为本系统默认值。',
    en: 'After a hand-over to a department (Annex 5) whose letter sets no date, feedback is due this many days later; the rules name no period, 60 days is our default.',
  },
} as const;

export type MajorMessageKey = keyof typeof MAJOR_MESSAGES;
