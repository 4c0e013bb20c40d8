/**
 * Every UI string in one catalog, per language: the shared tables (messages-zh/en.ts) and each feature's file.
 * `t` of i18n.svelte.ts reads it with the current language; `translate` here takes the language as an argument,
 * so it runs anywhere (tests, Node). A key lives in exactly one file; a unit test checks it.
 */
import { zh, type MessageKey as SharedKey } from './messages-zh.ts';
import { en } from './messages-en.ts';
import { ASSESSMENT_MESSAGES, type AssessmentMessageKey } from './assessment-messages.ts';
import { CODE_TABLE_MESSAGES, type CodeTableMessageKey } from './code-table-messages.ts';
import { EVIDENCE_MESSAGES, type EvidenceMessageKey } from './evidence-messages.ts';
import { EXPORT_MESSAGES, type ExportMessageKey } from './export-messages.ts';
import { FLOW_MESSAGES, type FlowMessageKey } from './flow-messages.ts';
import { JOB_MESSAGES, type JobMessageKey } from './job-messages.ts';
import { MAJOR_MESSAGES, type MajorMessageKey } from './major-messages.ts';
import { NOTEBOOK_MESSAGES, type NotebookMessageKey } from './notebook-messages.ts';
import { OUTLINE_MESSAGES, type OutlineMessageKey } from './outline-messages.ts';
import { SETTINGS_MESSAGES, type SettingsMessageKey } from './settings-messages.ts';
import { STORAGE_MESSAGES, type StorageMessageKey } from './storage-messages.ts';
import { TOUR_MESSAGES, type TourMessageKey } from './tour-messages.ts';
import { YEARLY_MESSAGES, type YearlyMessageKey } from './yearly-messages.ts';
import { fillTemplate } from './format.ts';
import { plurals } from './plural.ts';

export type Locale = 'zh' | 'en';
export type MessageKey =
  | SharedKey
  | AssessmentMessageKey
  | CodeTableMessageKey
  | EvidenceMessageKey
  | ExportMessageKey
  | FlowMessageKey
  | JobMessageKey
  | MajorMessageKey
  | NotebookMessageKey
  | OutlineMessageKey
  | SettingsMessageKey
  | StorageMessageKey
  | TourMessageKey
  | YearlyMessageKey;
type Table<K extends string> = Record<Locale, Record<K, string>>;

/** A `{ key: { zh, en } }` table turned into one table per language. */
function byLocale<K extends string>(
  messages: Record<K, { readonly zh: string; readonly en: string }>,
): Table<K> {
  const out: Table<string> = { zh: {}, en: {} };
  for (const [key, value] of Object.entries(messages) as [K, { zh: string; en: string }][]) {
    out.zh[key] = value.zh;
    out.en[key] = value.en;
  }
  return out as Table<K>;
}

/** The parts, named, so a test can check that no key is defined twice. */
export const CATALOG_PARTS: Readonly<Record<string, Table<string>>> = {
  shared: { zh, en },
  assessment: byLocale(ASSESSMENT_MESSAGES),
  codes: CODE_TABLE_MESSAGES,
  evidence: EVIDENCE_MESSAGES,
  exports: byLocale(EXPORT_MESSAGES),
  flow: FLOW_MESSAGES,
  jobs: JOB_MESSAGES,
  major: byLocale(MAJOR_MESSAGES),
  notebook: NOTEBOOK_MESSAGES,
  outline: OUTLINE_MESSAGES,
  settings: SETTINGS_MESSAGES,
  storage: byLocale(STORAGE_MESSAGES),
  tour: TOUR_MESSAGES,
  yearly: byLocale(YEARLY_MESSAGES),
};

const CATALOG = {
  zh: Object.assign({}, ...Object.values(CATALOG_PARTS).map((part) => part.zh)),
  en: Object.assign({}, ...Object.values(CATALOG_PARTS).map((part) => part.en)),
} as Table<MessageKey>;

/** The string of `key` in `locale`, English plurals chosen (`{n:row|rows}`) and `{name}` parameters filled. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return fillTemplate(plurals(CATALOG[locale][key], params), params);
}
