/**
 * Types and zod schemas of what the ledger persists: patch snapshots, evidence, review decisions, project
 * settings and events. Every persisted record carries `schemaVersion` and is validated on read.
 * Dates are civil dates `YYYY-MM-DD` (no time zone); instants are ISO strings with `Z`.
 */
import { z } from 'zod';
import type { Polygon, MultiPolygon } from 'geojson';
import {
  asCaseId,
  asPatchId,
  isUlid,
  type CaseId,
  type EventId,
  type EvidenceId,
  type PatchId,
  type ProjectId,
} from './ids.ts';
import type { CatalogOverrides } from './catalog.ts';

export const EVENT_SCHEMA_VERSION = 1;
export const SETTINGS_SCHEMA_VERSION = 1;

/** `YYYY-MM-DD`, a real calendar date. */
export const IsoDate = z.iso.date();
export const IsoInstant = z.iso.datetime({ offset: true });
const Text = z.string().max(10_000);
const Name = z.string().trim().min(1).max(200);

const ulidLike = (v: unknown): boolean => typeof v === 'string' && isUlid(v);
const tryId = (make: (s: string) => string) => (v: unknown) => {
  if (typeof v !== 'string') return false;
  try {
    make(v);
    return true;
  } catch {
    return false;
  }
};
export const EventIdSchema = z.custom<EventId>(ulidLike, 'expected a ULID');
export const EvidenceIdSchema = z.custom<EvidenceId>(ulidLike, 'expected a ULID');
export const PatchIdSchema = z.custom<PatchId>(tryId(asPatchId), 'expected a patch id');
export const CaseIdSchema = z.custom<CaseId>(tryId(asCaseId), 'expected a case id');
export const ProjectIdSchema = z.custom<ProjectId>((v) => typeof v === 'string' && v.length > 0);

const Position = z.array(z.number()).min(2).max(3);
const Ring = z.array(Position).min(4);
export const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
export const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1)).min(1),
});
export const GeometrySchema = z.union([PolygonSchema, MultiPolygonSchema]) as z.ZodType<
  Polygon | MultiPolygon
>;

/** Detection states before a patch is a case proper (draft remote-sensing standard). */
export const DETECTION_STAGES = ['auto', 'clue', 'suspected'] as const;
/** Stages once the consultation (会商) confirmed a case, in workflow order. */
export const POST_CONFIRMATION_STAGES = [
  'confirmed',
  'handed_over',
  'verified',
  'rectifying',
  'rechecked',
  'closed',
] as const;
export const STAGES = [...DETECTION_STAGES, 'rejected', ...POST_CONFIRMATION_STAGES] as const;
export type Stage = (typeof STAGES)[number];
export type DetectionStage = (typeof DETECTION_STAGES)[number];
export const REVIEW_LEVELS = ['single', 'self', 'expert', 'final'] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];
export const VERIFICATION_RESULTS = ['substantiated', 'unsubstantiated', 'partly_substantiated'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];
export const MILESTONES = ['review', 'handover', 'feedback', 'rectification'] as const;
/** review = 清单 (1 month), handover = 移交 (2), feedback = 反馈 (3), rectification = 整改复核 (12). */
export type Milestone = (typeof MILESTONES)[number];
/** Who checks a suspected major problem (委托核实): 区域督察局 or 流域海域监督管理局. */
export const BUREAU_KINDS = ['regional', 'basin_marine'] as const;
export type BureauKind = (typeof BUREAU_KINDS)[number];
/** Days a department has to answer a hand-over when the letter sets no date (our default: the rules name none). */
export const DEFAULT_DEPARTMENT_FEEDBACK_DAYS = 60;

/** Attributes of a patch that the ledger and the annexes need (mirrors DuckDB `patch`). */
export const PatchSnapshotSchema = z.object({
  id: PatchIdSchema,
  runId: z.string().optional(),
  areaHa: z.number().nonnegative(),
  /** Area inside red lines (涉及生态保护红线面积), hectares. */
  redlineHa: z.number().nonnegative(),
  cx: z.number().min(-180).max(180),
  cy: z.number().min(-90).max(90),
  province: z.string(),
  city: z.string(),
  county: z.string(),
  township: z.string().default(''),
  countyCode: z.string().optional(),
  location: z.string().default(''),
  activityType: z.string().optional(),
  activityConf: z.number().min(0).max(1).optional(),
  problemType: z.string().optional(),
  changeDirection: z.string().optional(),
  score: z.number().optional(),
  /** 生态空间管控区域 finding (found outside red lines, listed apart); absent = red line. */
  zone: z.enum(['redline', 'control_zone']).optional(),
  /** Patches this one was split from or merged from. */
  derivedFrom: z.array(PatchIdSchema).optional(),
  geometry: GeometrySchema.optional(),
});
export type PatchSnapshot = z.infer<typeof PatchSnapshotSchema>;

/** A photo or document attached to a case; the photo index number (照片索引号) is cited by 附件4. */
export const EvidenceSchema = z.object({
  id: EvidenceIdSchema,
  kind: z.enum(['photo', 'document']),
  name: Name,
  /** Where the bytes live (OPFS path, or bundle entry path). */
  fileRef: z.string().min(1),
  mediaType: z.string().default('application/octet-stream'),
  size: z.number().int().nonnegative().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** 照片索引号, e.g. `320115-2026-0001-01`. */
  indexNo: z.string().min(1),
  takenOn: IsoDate.optional(),
  caption: Text.optional(),
  lon: z.number().optional(),
  lat: z.number().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
/** Evidence as a case holds it: `renumberedFrom` is set when its own number was already taken (evidence.ts). */
export type CaseEvidence = Evidence & { readonly renumberedFrom?: string };

/** One reviewer's decision at one review level. */
export const ReviewDecisionSchema = z.object({
  level: z.enum(REVIEW_LEVELS),
  decision: z.enum(['confirm', 'reject']),
  reviewer: Name,
  reasonCode: z.string().optional(),
  note: Text.optional(),
  activityType: z.string().optional(),
  problemType: z.string().optional(),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** Durations (months) of the programme's milestones, counted from the project's base date. */
export const MilestoneMonthsSchema = z.object({
  review: z.number().int().min(0).default(1),
  handover: z.number().int().min(0).default(2),
  feedback: z.number().int().min(0).default(3),
  rectification: z.number().int().min(0).default(12),
});

export const ProjectSettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  /** The project's province: fills 「XX省（区、市）」 in the annex titles. */
  province: z.object({ code: z.string().default(''), name: Name }),
  reviewMode: z.enum(['single', 'three_step']).default('single'),
  /** In three-step review, 自审/专审/终审 must be made by three different reviewers. */
  distinctReviewers: z.boolean().default(true),
  /** Day the programme's clock starts (评估调整工作完成); defaults to each case's opening day. */
  milestoneBase: IsoDate.optional(),
  milestoneMonths: MilestoneMonthsSchema.default({ review: 1, handover: 2, feedback: 3, rectification: 12 }),
  contact: z
    .object({ name: z.string().default(''), phone: z.string().default('') })
    .default({ name: '', phone: '' }),
  /** Signature of letter 附件3. */
  issuer: z.string().default('生态环境部办公厅'),
  /** Signature of letter 附件5 (生态环境部 XX 司). */
  issuerDepartment: z.string().default('生态环境部自然生态保护司'),
  /** Who sends the letters: the Ministry (部), a provincial department (省, 厅) or a city bureau (市, 局). */
  letterLevel: z.enum(['ministry', 'province', 'city']).default('ministry'),
  areaDecimals: z.number().int().min(2).max(4).default(2),
  /** Days after a department hand-over (附件5) by which its feedback is expected, unless the letter sets one. */
  departmentFeedbackDays: z.number().int().min(1).max(3650).default(DEFAULT_DEPARTMENT_FEEDBACK_DAYS),
  catalog: z.custom<CatalogOverrides>((v) => typeof v === 'object' && v !== null).default({}),
});
export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

/** Settings with defaults for everything but the province. */
export function defaultSettings(provinceName: string, provinceCode = ''): ProjectSettings {
  return ProjectSettingsSchema.parse({
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    province: { name: provinceName, code: provinceCode },
  });
}

// ---------------------------------------------------------------- events

const Department = z.string().min(1);
/** Payload schema of every event type. The workflow (workflow.ts) says which stage each is allowed in. */
export const EVENT_PAYLOADS = {
  /** A patch enters the ledger (detection result, or drawn by hand from a clue). */
  opened: z.object({
    patch: PatchSnapshotSchema,
    stage: z.enum(DETECTION_STAGES),
    clueSource: z.string().min(1),
  }),
  /** auto → clue (false change removed) → suspected (interpreted). */
  advanced: z.object({ to: z.enum(['clue', 'suspected']), note: Text.optional() }),
  /** Screening rejection before review (false change): reason code required. */
  rejected: z.object({ reasonCode: z.string().min(1), note: Text.optional() }),
  reviewed: ReviewDecisionSchema,
  /** A rejected patch is put back in the review queue (a later reviewer overrules). */
  reopened: z.object({ note: Text.min(1) }),
  /** Replaced by other patches after a split or merge. */
  superseded: z.object({ by: z.array(PatchIdSchema).min(1), note: Text.optional() }),
  /** 移交 to the provincial government (letter 附件3). */
  handed_over: z.object({
    recipient: Name,
    handedOverOn: IsoDate,
    dueDate: IsoDate,
    letterNo: z.string().optional(),
  }),
  /** 核实反馈: result and 查处 details. */
  verified: z.object({
    result: z.enum(VERIFICATION_RESULTS),
    details: Text.min(1),
    feedbackOn: IsoDate,
    source: z.string().optional(),
  }),
  rectification_started: z.object({ deadline: IsoDate, measures: Text.optional() }),
  /** 复核: a failed re-check keeps the case rectifying with a new deadline. */
  rechecked: z.object({
    recheckedOn: IsoDate,
    inspector: Name,
    passed: z.boolean(),
    findings: Text.min(1),
    newDeadline: IsoDate.optional(),
  }),
  closed: z.object({ closedOn: IsoDate, note: Text.optional() }),
  transferred_to_department: z.object({
    department: Department,
    transferredOn: IsoDate,
    dueDate: IsoDate.optional(),
    letterNo: z.string().optional(),
  }),
  department_feedback: z.object({ department: Department, feedbackOn: IsoDate, result: Text.min(1) }),
  /** Marked as a suspected major problem (疑似重大生态破坏问题), in review or later: the reason is required. */
  major_flagged: z.object({ reason: Text.min(1), flaggedOn: IsoDate }),
  /** The mark withdrawn (another event: the flag stays in the history), with its reason. */
  major_unflagged: z.object({ reason: Text.min(1), unflaggedOn: IsoDate }),
  /** 委托核实: a flagged case sent to a regional bureau for checking, with the bureau's reply-by date. */
  major_routed: z.object({
    bureauKind: z.enum(BUREAU_KINDS),
    bureau: Name,
    routedOn: IsoDate,
    dueDate: IsoDate,
    letterNo: z.string().optional(),
  }),
  /** The bureau's 核实结果. */
  major_checked: z.object({ feedbackOn: IsoDate, result: Text.min(1) }),
  referred: z.object({ kind: z.string().min(1), to: Name, referredOn: IsoDate, note: Text.optional() }),
  reported: z.object({ reportedOn: IsoDate, note: Text.optional() }),
  escalated: z.object({ measure: z.string().min(1), on: IsoDate, note: Text.optional() }),
  /** Edit of interpretation fields; each key is one field for conflict detection. */
  fields_set: z.object({
    fields: z
      .object({
        location: z.string(),
        township: z.string(),
        activityType: z.string(),
        problemType: z.string(),
        description: Text,
        remark: Text,
        problemNo: z.string(),
        clueSource: z.string(),
      })
      .partial()
      .refine((f) => Object.keys(f).length > 0, 'no field to set'),
  }),
  geometry_edited: z.object({
    geometry: GeometrySchema,
    areaHa: z.number().nonnegative(),
    redlineHa: z.number().nonnegative(),
    cx: z.number(),
    cy: z.number(),
  }),
  due_set: z.object({ milestone: z.enum(MILESTONES), dueDate: IsoDate }),
  evidence_added: z.object({ evidence: EvidenceSchema }),
  evidence_removed: z.object({ evidenceId: EvidenceIdSchema, note: Text.optional() }),
  note_added: z.object({ text: Text.min(1) }),
  /** Compensating event: the target no longer counts (undo never deletes). Undoing an undo restores. */
  undone: z.object({ target: EventIdSchema }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];
export type PayloadOf<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

const envelope = {
  schemaVersion: z.literal(EVENT_SCHEMA_VERSION),
  id: EventIdSchema,
  caseId: CaseIdSchema,
  at: IsoInstant,
  actor: Name,
  device: z.string().min(1).max(100),
  /** Heads of this case's event graph the author had seen: tells concurrent edits from later ones. */
  prev: z.array(EventIdSchema),
};
const variants = EVENT_TYPES.map((type) =>
  z.object({ ...envelope, type: z.literal(type), payload: EVENT_PAYLOADS[type] }),
);

/** One ledger event, of any type. */
export type LedgerEvent = {
  [T in EventType]: {
    schemaVersion: typeof EVENT_SCHEMA_VERSION;
    id: EventId;
    caseId: CaseId;
    at: string;
    actor: string;
    device: string;
    prev: EventId[];
    type: T;
    payload: PayloadOf<T>;
  };
}[EventType];
export type EventOf<T extends EventType> = Extract<LedgerEvent, { type: T }>;

// The union is built from EVENT_PAYLOADS so adding a type needs one line; its inferred type equals LedgerEvent.
export const LedgerEventSchema = z.discriminatedUnion(
  'type',
  variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]],
) as unknown as z.ZodType<LedgerEvent>;

/** Raised when a stored or imported record does not match its schema. */
export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(
    message: string,
    readonly issues: readonly string[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Validate one event (from IndexedDB, JSONL or a form); throws SchemaError with readable issues. */
export function parseEvent(raw: unknown): LedgerEvent {
  const result = LedgerEventSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : '?';
  throw new SchemaError(`invalid event ${id}: ${issues.join('; ')}`, issues, { cause: result.error });
}

/** Validate project settings, filling defaults. */
export function parseSettings(raw: unknown): ProjectSettings {
  const result = ProjectSettingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new SchemaError(`invalid project settings: ${issues.join('; ')}`, issues, { cause: result.error });
}

// ---------------------------------------------------------------- case state

/** Who did something and when (copied from the event envelope). */
export interface Stamp {
  readonly by: string;
  readonly at: string;
  readonly eventId: EventId;
}
export type Stamped<T> = T & Stamp;

/** The state of one case: a pure fold of its events (ledger.ts). */
export interface CaseState {
  readonly id: CaseId;
  readonly stage: Stage;
  /** Current attributes, including later edits of fields and outline. */
  readonly patch: PatchSnapshot;
  readonly clueSource: string;
  readonly opened: Stamp;
  /** Civil date the case was opened (UTC date of the `opened` event). */
  readonly openedOn: string;
  /** Decisions of the current review round, in order. */
  readonly reviews: readonly Stamped<ReviewDecision>[];
  readonly rejection?: Stamped<{ reasonCode: string; note?: string; level?: ReviewLevel }>;
  readonly supersededBy?: readonly PatchId[];
  readonly description?: string;
  readonly remark?: string;
  readonly problemNo?: string;
  readonly handover?: Stamped<PayloadOf<'handed_over'>>;
  readonly verification?: Stamped<PayloadOf<'verified'>>;
  readonly rectification?: Stamped<PayloadOf<'rectification_started'>>;
  readonly rechecks: readonly Stamped<PayloadOf<'rechecked'>>[];
  readonly closure?: Stamped<PayloadOf<'closed'>>;
  readonly transfers: readonly Stamped<PayloadOf<'transferred_to_department'>>[];
  readonly departmentFeedback: readonly Stamped<PayloadOf<'department_feedback'>>[];
  readonly referrals: readonly Stamped<PayloadOf<'referred'>>[];
  readonly reports: readonly Stamped<PayloadOf<'reported'>>[];
  readonly escalations: readonly Stamped<PayloadOf<'escalated'>>[];
  /** Set while the case is marked a major problem (absent in ledgers older than the mark, and after 取消). */
  readonly major?: MajorProblem;
  /** Due dates set explicitly (due_set, the hand-over reply-by date, rectification deadlines). */
  readonly due: Readonly<Partial<Record<Milestone, string>>>;
  readonly evidence: readonly CaseEvidence[];
  /** The index number each evidence ever added has in this case (removed ones included), by evidence id. */
  readonly indexNos: Readonly<Record<string, string>>;
  /** Photos ever attached: numbers are never reused after a removal. */
  readonly photoCount: number;
  readonly notes: readonly Stamped<{ text: string }>[];
  readonly updated: Stamp;
}

/** A case marked 重大: the mark, the routing to a bureau and the bureau's answer, once each. */
export interface MajorProblem {
  readonly flag: Stamped<PayloadOf<'major_flagged'>>;
  readonly routing?: Stamped<PayloadOf<'major_routed'>>;
  readonly check?: Stamped<PayloadOf<'major_checked'>>;
}
