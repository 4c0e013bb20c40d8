/**
 * The project settings form: settings ⇄ the strings a form edits, and validation of an edited form against
 * ProjectSettingsSchema with every problem tied to one field, as a code the UI puts into words.
 */
import { MILESTONES, ProjectSettingsSchema, type Milestone, type ProjectSettings } from './model.ts';

/** What the settings form edits: text fields as typed, so that bad input can be shown, not lost. */
export interface SettingsForm {
  provinceCode: string;
  provinceName: string;
  reviewMode: 'single' | 'three_step';
  distinctReviewers: boolean;
  /** '' = each case's clock starts on its opening day. */
  milestoneBase: string;
  months: Record<Milestone, string>;
  /** Days a department has to answer a hand-over (附件5) when its letter sets no date. */
  departmentFeedbackDays: string;
  contactName: string;
  contactPhone: string;
  issuer: string;
  issuerDepartment: string;
  areaDecimals: string;
  letterLevel: ProjectSettings['letterLevel'];
}

export type SettingsField =
  | 'province'
  | 'reviewMode'
  | 'distinctReviewers'
  | 'milestoneBase'
  | Milestone
  | 'departmentFeedbackDays'
  | 'contactName'
  | 'contactPhone'
  | 'issuer'
  | 'issuerDepartment'
  | 'areaDecimals';

/** A field's problem; `min`/`max` are the bound the value broke (a number, or a length for text). */
export interface FieldError {
  readonly code: 'required' | 'integer' | 'min' | 'max' | 'too_long' | 'date' | 'phone' | 'invalid';
  readonly min?: number;
  readonly max?: number;
}

export type SettingsFormResult =
  | { readonly ok: true; readonly settings: ProjectSettings }
  | { readonly ok: false; readonly errors: Partial<Record<SettingsField, FieldError>> };

/** The form showing `settings`. */
export function settingsForm(settings: ProjectSettings): SettingsForm {
  const m = settings.milestoneMonths;
  return {
    provinceCode: settings.province.code,
    provinceName: settings.province.name,
    reviewMode: settings.reviewMode,
    distinctReviewers: settings.distinctReviewers,
    milestoneBase: settings.milestoneBase ?? '',
    months: {
      review: String(m.review),
      handover: String(m.handover),
      feedback: String(m.feedback),
      rectification: String(m.rectification),
    },
    departmentFeedbackDays: String(settings.departmentFeedbackDays),
    contactName: settings.contact.name,
    contactPhone: settings.contact.phone,
    issuer: settings.issuer,
    issuerDepartment: settings.issuerDepartment,
    areaDecimals: String(settings.areaDecimals),
    letterLevel: settings.letterLevel,
  };
}

/** Digits, spaces and the usual separators (0779-1234567, +86 10 1234 5678, 1234567 转 8). */
const PHONE = /^[\d\s+\-()（）/、,，#转]+$/;

/** An integer typed into a text box, or the problem with it. */
function integer(text: string): number | FieldError {
  const trimmed = text.trim();
  if (trimmed === '') return { code: 'required' };
  if (!/^[+-]?\d+$/.test(trimmed)) return { code: 'integer' };
  return Number(trimmed);
}

/** Which form field a schema issue path points at. */
function fieldOf(path: readonly PropertyKey[]): SettingsField | undefined {
  const [head, sub] = path;
  if (head === 'province') return 'province';
  if (head === 'milestoneMonths')
    return (MILESTONES as readonly PropertyKey[]).includes(sub ?? '') ? (sub as Milestone) : 'review';
  if (head === 'contact') return sub === 'phone' ? 'contactPhone' : 'contactName';
  const direct: readonly SettingsField[] = [
    'reviewMode',
    'distinctReviewers',
    'milestoneBase',
    'issuer',
    'issuerDepartment',
    'areaDecimals',
    'departmentFeedbackDays',
  ];
  return direct.find((field) => field === head);
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly origin?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly format?: unknown;
}

/** A schema issue in words the UI can translate. */
function errorOf(issue: Issue): FieldError {
  const bound = (value: unknown): number | undefined =>
    typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined;
  const text = issue.origin === 'string';
  if (issue.code === 'too_small') {
    const min = bound(issue.minimum);
    return text ? { code: 'required' } : { code: 'min', ...(min === undefined ? {} : { min }) };
  }
  if (issue.code === 'too_big') {
    const max = bound(issue.maximum);
    return { code: text ? 'too_long' : 'max', ...(max === undefined ? {} : { max }) };
  }
  if (issue.code === 'invalid_format' && issue.format === 'date') return { code: 'date' };
  return { code: 'invalid' };
}

/**
 * Validate an edited form on top of `base` (whose catalog overrides and other fields are kept): the settings to
 * save, or one problem per field. Beyond the schema the letters need a signature and a phone must look like one.
 */
export function parseSettingsForm(form: SettingsForm, base: ProjectSettings): SettingsFormResult {
  const errors: Partial<Record<SettingsField, FieldError>> = {};
  const number = (field: SettingsField, text: string): number => {
    const value = integer(text);
    if (typeof value === 'number') return value;
    errors[field] = value;
    return Number.NaN;
  };
  const months = Object.fromEntries(
    MILESTONES.map((milestone) => [milestone, number(milestone, form.months[milestone])]),
  ) as Record<Milestone, number>;
  const areaDecimals = number('areaDecimals', form.areaDecimals);
  const departmentFeedbackDays = number('departmentFeedbackDays', form.departmentFeedbackDays);
  const phone = form.contactPhone.trim();
  if (phone !== '' && (!PHONE.test(phone) || (phone.match(/\d/g) ?? []).length < 3))
    errors.contactPhone = { code: 'phone' };
  if (form.issuer.trim() === '') errors.issuer = { code: 'required' };
  if (form.issuerDepartment.trim() === '') errors.issuerDepartment = { code: 'required' };

  const { milestoneBase: _omit, ...rest } = base;
  const raw = {
    ...rest,
    province: { code: form.provinceCode.trim(), name: form.provinceName.trim() },
    reviewMode: form.reviewMode,
    distinctReviewers: form.distinctReviewers,
    ...(form.milestoneBase.trim() ? { milestoneBase: form.milestoneBase.trim() } : {}),
    milestoneMonths: months,
    contact: { name: form.contactName.trim(), phone },
    issuer: form.issuer.trim(),
    issuerDepartment: form.issuerDepartment.trim(),
    areaDecimals,
    departmentFeedbackDays,
    letterLevel: form.letterLevel,
  };
  const result = ProjectSettingsSchema.safeParse(raw);
  if (!result.success)
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path);
      // A field already reported (an unparsable number is NaN to the schema) keeps its first, clearer problem.
      if (field && !errors[field]) errors[field] = errorOf(issue as Issue);
    }
  if (Object.keys(errors).length > 0 || !result.success) return { ok: false, errors };
  return { ok: true, settings: result.data };
}
