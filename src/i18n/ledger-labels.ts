/** Labels of ledger event types (history, action menus). */
export const EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  opened: { zh: '入库', en: 'Opened' },
  advanced: { zh: '推进', en: 'Advanced' },
  rejected: { zh: '排除', en: 'Rejected' },
  reviewed: { zh: '会商审核', en: 'Reviewed' },
  reopened: { zh: '重新审核', en: 'Reopened' },
  superseded: { zh: '被替代', en: 'Superseded' },
  handed_over: { zh: '移交查处', en: 'Handed over' },
  verified: { zh: '核实反馈', en: 'Verification feedback' },
  rectification_started: { zh: '督促整改', en: 'Rectification started' },
  rechecked: { zh: '复核', en: 'Re-checked' },
  closed: { zh: '销号', en: 'Closed' },
  transferred_to_department: { zh: '移交部门', en: 'Transferred to department' },
  department_feedback: { zh: '部门反馈', en: 'Department feedback' },
  major_flagged: { zh: '标记重大问题', en: 'Marked as major problem' },
  major_unflagged: { zh: '取消重大问题标记', en: 'Major-problem mark withdrawn' },
  major_routed: { zh: '委托核实', en: 'Sent to a bureau for checking' },
  major_checked: { zh: '核实结果（督察局）', en: "Bureau's check result" },
  referred: { zh: '移送', en: 'Referred' },
  reported: { zh: '上报国务院', en: 'Reported to the State Council' },
  escalated: { zh: '督办措施', en: 'Escalated' },
  fields_set: { zh: '修改属性', en: 'Fields edited' },
  geometry_edited: { zh: '修改边界', en: 'Outline edited' },
  due_set: { zh: '设置期限', en: 'Due date set' },
  evidence_added: { zh: '添加证据', en: 'Evidence added' },
  evidence_removed: { zh: '移除证据', en: 'Evidence removed' },
  note_added: { zh: '备注', en: 'Note' },
  undone: { zh: '撤销', en: 'Undone' },
};

/** Labels of action form fields. */
export const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  recipient: { zh: '接收单位', en: 'Recipient' },
  handedOverOn: { zh: '移交日期', en: 'Handed over on' },
  dueDate: { zh: '反馈期限', en: 'Reply by' },
  letterNo: { zh: '文号', en: 'Letter no.' },
  result: { zh: '结果', en: 'Result' },
  details: { zh: '查处情况', en: 'Details' },
  feedbackOn: { zh: '反馈日期', en: 'Feedback on' },
  source: { zh: '反馈来源', en: 'Source' },
  deadline: { zh: '整改期限', en: 'Deadline' },
  measures: { zh: '整改措施', en: 'Measures' },
  recheckedOn: { zh: '复核日期', en: 'Re-checked on' },
  inspector: { zh: '复核人', en: 'Inspector' },
  passed: { zh: '整改合格', en: 'Passed' },
  findings: { zh: '复核意见', en: 'Findings' },
  newDeadline: { zh: '新的整改期限', en: 'New deadline' },
  closedOn: { zh: '销号日期', en: 'Closed on' },
  note: { zh: '说明', en: 'Note' },
  department: { zh: '部门', en: 'Department' },
  transferredOn: { zh: '移交日期', en: 'Transferred on' },
  kind: { zh: '类别', en: 'Kind' },
  to: { zh: '移送至', en: 'To' },
  target: { zh: '撤销的记录', en: 'Undoes record' },
  referredOn: { zh: '移送日期', en: 'Referred on' },
  reportedOn: { zh: '上报日期', en: 'Reported on' },
  reason: { zh: '理由', en: 'Reason' },
  flaggedOn: { zh: '标记日期', en: 'Marked on' },
  unflaggedOn: { zh: '取消日期', en: 'Withdrawn on' },
  bureauKind: { zh: '核实机构类别', en: 'Bureau kind' },
  bureau: { zh: '核实机构名称', en: 'Bureau' },
  routedOn: { zh: '委托日期', en: 'Sent on' },
  measure: { zh: '措施', en: 'Measure' },
  on: { zh: '日期', en: 'On' },
  level: { zh: '审核级别', en: 'Level' },
  decision: { zh: '结论', en: 'Decision' },
  reviewer: { zh: '审核人', en: 'Reviewer' },
  reasonCode: { zh: '原因', en: 'Reason' },
  activityType: { zh: '人类活动类型', en: 'Activity type' },
  problemType: { zh: '问题类型', en: 'Problem type' },
  clueSource: { zh: '线索来源', en: 'Clue source' },
  milestone: { zh: '节点', en: 'Milestone' },
  text: { zh: '内容', en: 'Text' },
  location: { zh: '位置', en: 'Location' },
  township: { zh: '乡镇', en: 'Township' },
  description: { zh: '问题描述', en: 'Description' },
  remark: { zh: '备注', en: 'Remark' },
  problemNo: { zh: '问题编号', en: 'Problem no.' },
  areaHa: { zh: '面积(公顷)', en: 'Area (ha)' },
  redlineHa: { zh: '涉及红线面积(公顷)', en: 'In red lines (ha)' },
};

/** Values of the review decision (not a catalog table: two fixed codes). */
export const DECISION_LABELS: Record<string, { zh: string; en: string }> = {
  confirm: { zh: '确认', en: 'Confirm' },
  reject: { zh: '排除', en: 'Reject' },
};

/** Kinds of bureau a major problem is sent to for checking (委托核实). */
export const BUREAU_KIND_LABELS: Record<string, { zh: string; en: string }> = {
  regional: { zh: '区域督察局', en: 'Regional inspection bureau' },
  basin_marine: { zh: '流域海域监督管理局', en: 'River basin and sea area bureau' },
};

/** Words of the fixed choices of action forms, by field name. */
export const CHOICE_LABELS: Record<string, Record<string, { zh: string; en: string }>> = {
  bureauKind: BUREAU_KIND_LABELS,
};
