import type { CatalogTable } from '../catalog.ts';
import { BUREAU_KINDS, type CaseState, type EventType, type ProjectSettings } from '../model.ts';
import { localDate, suggestedRectificationDeadline, suggestedReplyBy } from './due-dates.ts';

/** One input of a workflow action form. */
export interface ActionField {
  name: string;
  kind: 'text' | 'longtext' | 'date' | 'bool' | 'code' | 'choice';
  /** Code table for `code` fields. */
  table?: CatalogTable;
  /** Fixed choices for `choice` fields. */
  choices?: readonly string[];
  required: boolean;
}

/**
 * The workflow actions a case page offers after review, with their form fields as data (the state machine in
 * workflow.ts decides which are allowed and refuses missing fields; this only shapes the forms).
 */
export const ACTION_FORMS: Partial<Record<EventType, readonly ActionField[]>> = {
  handed_over: [
    { name: 'recipient', kind: 'text', required: true },
    { name: 'handedOverOn', kind: 'date', required: true },
    { name: 'dueDate', kind: 'date', required: true },
    { name: 'letterNo', kind: 'text', required: false },
  ],
  verified: [
    { name: 'result', kind: 'code', table: 'verificationResults', required: true },
    { name: 'details', kind: 'longtext', required: true },
    { name: 'feedbackOn', kind: 'date', required: true },
    { name: 'source', kind: 'text', required: false },
  ],
  rectification_started: [
    { name: 'deadline', kind: 'date', required: true },
    { name: 'measures', kind: 'longtext', required: false },
  ],
  rechecked: [
    { name: 'recheckedOn', kind: 'date', required: true },
    { name: 'inspector', kind: 'text', required: true },
    { name: 'passed', kind: 'bool', required: true },
    { name: 'findings', kind: 'longtext', required: true },
    { name: 'newDeadline', kind: 'date', required: false },
  ],
  closed: [
    { name: 'closedOn', kind: 'date', required: true },
    { name: 'note', kind: 'longtext', required: false },
  ],
  transferred_to_department: [
    { name: 'department', kind: 'code', table: 'departments', required: true },
    { name: 'transferredOn', kind: 'date', required: true },
    { name: 'dueDate', kind: 'date', required: false },
    { name: 'letterNo', kind: 'text', required: false },
  ],
  department_feedback: [
    { name: 'department', kind: 'code', table: 'departments', required: true },
    { name: 'feedbackOn', kind: 'date', required: true },
    { name: 'result', kind: 'longtext', required: true },
  ],
  major_flagged: [
    { name: 'reason', kind: 'longtext', required: true },
    { name: 'flaggedOn', kind: 'date', required: true },
  ],
  major_unflagged: [
    { name: 'reason', kind: 'longtext', required: true },
    { name: 'unflaggedOn', kind: 'date', required: true },
  ],
  major_routed: [
    { name: 'bureauKind', kind: 'choice', choices: BUREAU_KINDS, required: true },
    { name: 'bureau', kind: 'text', required: true },
    { name: 'routedOn', kind: 'date', required: true },
    { name: 'dueDate', kind: 'date', required: true },
    { name: 'letterNo', kind: 'text', required: false },
  ],
  major_checked: [
    { name: 'feedbackOn', kind: 'date', required: true },
    { name: 'result', kind: 'longtext', required: true },
  ],
  referred: [
    { name: 'kind', kind: 'code', table: 'referralKinds', required: true },
    { name: 'to', kind: 'text', required: true },
    { name: 'referredOn', kind: 'date', required: true },
    { name: 'note', kind: 'longtext', required: false },
  ],
  reported: [
    { name: 'reportedOn', kind: 'date', required: true },
    { name: 'note', kind: 'longtext', required: false },
  ],
  escalated: [
    { name: 'measure', kind: 'code', table: 'escalationMeasures', required: true },
    { name: 'on', kind: 'date', required: true },
    { name: 'note', kind: 'longtext', required: false },
  ],
  reopened: [{ name: 'note', kind: 'longtext', required: true }],
};

/** Default values of a form: today for dates, the programme's milestones for due dates, the province for 移交. */
export function formDefaults(
  type: EventType,
  state: CaseState,
  settings: ProjectSettings,
  today = localDate(),
): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of ACTION_FORMS[type] ?? []) {
    if (field.kind === 'date' && field.required) values[field.name] = today;
    if (field.kind === 'bool') values[field.name] = true;
  }
  if (type === 'handed_over') {
    values.recipient = `${state.patch.province || settings.province.name}人民政府办公厅`;
    values.dueDate = suggestedReplyBy(state, today, settings);
  }
  if (type === 'major_routed') {
    values.bureauKind = 'regional';
    // The bureau's result is gathered with the provinces' feedback (programme step 三): the same reply-by rule.
    values.dueDate = suggestedReplyBy(state, today, settings);
  }
  if (type === 'rectification_started')
    values.deadline = suggestedRectificationDeadline(state, today, settings);
  return values;
}

/** The payload of a form: blank optional fields are left out (the schema treats blank as missing). */
export function formPayload(
  type: EventType,
  values: Record<string, string | boolean>,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of ACTION_FORMS[type] ?? []) {
    const value = values[field.name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    payload[field.name] = typeof value === 'string' ? value.trim() : value;
  }
  return payload;
}
