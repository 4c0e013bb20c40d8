import { SvelteMap } from 'svelte/reactivity';
import type { CaseId } from '../core/ids.ts';
import { caseIdOfPatch, ulid } from '../core/ids.ts';
import {
  caseRow,
  foldCase,
  lastDecision,
  propose,
  undoDraft,
  type CaseFold,
  type EventDraft,
} from '../core/case/ledger.ts';
import { DEFAULT_CATALOG, type Catalog } from '../core/catalog.ts';
import { foldCatalog, type CatalogConflict, type CatalogEvent } from '../core/catalog-events.ts';
import {
  defaultSettings,
  parseSettings,
  type CaseState,
  type LedgerEvent,
  type PatchSnapshot,
  type ProjectSettings,
} from '../core/model.ts';
import { localDate } from '../core/case/due-dates.ts';
import { appendEvents, listEvents } from '../store/events.ts';
import { getSetting, putSetting } from '../store/settings.ts';
import { appendCatalogEvents, listCatalogEvents } from '../store/catalog-events.ts';
import { putCaseRows } from '../db/cases.ts';
import { putPatchRows } from '../db/patches.ts';
import { patchRowOf } from './patch-rows.ts';
import { ActionRefusedError } from './action-refused.ts';
import { ActorGate, normaliseActorName } from './actor-gate.ts';

export { ActionRefusedError } from './action-refused.ts';

const clock = { now: () => new Date(), newId: ulid };

/**
 * The case ledger of the open project: the append-only event log (IndexedDB) and, folded from it, the state of
 * every case. Each user action becomes events written in one transaction before anything shows as saved.
 */
class LedgerState {
  projectId = $state<string | null>(null);
  /** Folded cases by id; SvelteMap so that one case's change re-renders only what reads it. */
  folds = new SvelteMap<CaseId, CaseFold>();
  settings = $state.raw<ProjectSettings>(defaultSettings('XX省'));
  /** The catalog in effect: defaults, the old settings overrides, then the code-table events. */
  catalog = $state.raw<Catalog>(DEFAULT_CATALOG);
  /** The project's code-table edits (catalog_changed events), in the order stored. */
  catalogEvents = $state.raw<CatalogEvent[]>([]);
  /** Same code added with different labels by two offices: the kept and the dropped addition. */
  catalogConflicts = $state.raw<readonly CatalogConflict[]>([]);
  actor = $state('');
  /** An action is waiting for the operator's name (the prompt is shown). */
  askingActor = $state(false);
  device = $state('');
  /** Event records that failed validation on load (reported, never dropped silently). */
  invalid = $state.raw<string[]>([]);
  #events = new Map<CaseId, LedgerEvent[]>();
  #actorGate = new ActorGate((asking) => (this.askingActor = asking));

  get cases(): CaseState[] {
    const list: CaseState[] = [];
    for (const fold of this.folds.values()) if (fold.state) list.push(fold.state);
    return list;
  }

  caseEvents(caseId: CaseId): readonly LedgerEvent[] {
    return this.#events.get(caseId) ?? [];
  }

  /** Load a project's log, settings and this device's author. */
  async load(projectId: string, province = { name: 'XX省', code: '' }): Promise<void> {
    this.projectId = projectId;
    const stored = await getSetting<unknown>(`project-settings:${projectId}`);
    this.settings = stored ? parseSettings(stored) : defaultSettings(province.name, province.code);
    const catalogLog = await listCatalogEvents(projectId);
    this.catalogEvents = catalogLog.events;
    this.#refold();
    this.device = (await getSetting<string>('device')) ?? '';
    if (!this.device) {
      this.device = `device-${crypto.randomUUID().slice(0, 8)}`;
      await putSetting('device', this.device);
    }
    this.actor = (await getSetting<string>('actor')) ?? '';
    const { events, invalid } = await listEvents(projectId);
    this.invalid = [...invalid, ...catalogLog.invalid];
    this.#events.clear();
    this.folds.clear();
    for (const event of events)
      this.#events.set(event.caseId, [...(this.#events.get(event.caseId) ?? []), event]);
    for (const [caseId, caseEvents] of this.#events) this.folds.set(caseId, foldCase(caseEvents));
    await this.#mirror(this.cases);
  }

  /** Mirror cases into DuckDB: `patch` rows (attributes + WKB) and `case_state` rows. */
  async #mirror(states: readonly CaseState[]): Promise<void> {
    const today = localDate();
    await putPatchRows(states.flatMap((state) => patchRowOf(state) ?? []));
    await putCaseRows(states.map((state) => caseRow(state, today, this.settings)));
  }

  #refold(): void {
    const fold = foldCatalog(this.catalogEvents, this.settings.catalog);
    this.catalog = fold.catalog;
    this.catalogConflicts = fold.conflicts;
  }

  /** Code-table edits (made here or imported): written in one transaction, then the catalog is folded again. */
  async adoptCatalogEvents(events: readonly CatalogEvent[]): Promise<void> {
    if (!this.projectId) throw new ActionRefusedError('no_project', 'no project is open');
    const known = new Set(this.catalogEvents.map((e) => e.id));
    const fresh = events.filter((e) => !known.has(e.id));
    if (fresh.length === 0) return;
    await appendCatalogEvents(this.projectId, fresh);
    this.catalogEvents = [...this.catalogEvents, ...fresh];
    this.#refold();
  }

  clear(): void {
    this.projectId = null;
    this.catalogEvents = [];
    this.#events.clear();
    this.folds.clear();
  }

  async setActor(name: string): Promise<void> {
    this.actor = normaliseActorName(name) ?? '';
    await putSetting('actor', this.actor);
    // Actions waiting for a name (the prompt) go on with it, whichever box it was typed in.
    if (this.actor) this.#actorGate.answer(this.actor);
  }

  /**
   * The operator's name for an action about to be recorded: asks once (remembered on this device) when none is
   * set, and waits for the answer; refuses in words when the prompt is closed without one.
   */
  ensureActor(): Promise<string> {
    return this.#actorGate.require(this.actor);
  }

  /** The prompt's answer: saved for this device, then the waiting actions go on. False when blank. */
  async answerActorPrompt(raw: string): Promise<boolean> {
    const name = normaliseActorName(raw);
    if (!name) return false;
    await this.setActor(name);
    return true;
  }

  declineActorPrompt(): void {
    this.#actorGate.decline();
  }

  /** Every case id ever opened in this project's log (withdrawn ones too): their serials are spent. */
  get issuedCaseIds(): CaseId[] {
    return [...this.#events.keys()];
  }

  async saveSettings(settings: ProjectSettings): Promise<void> {
    if (!this.projectId) return;
    const parsed = parseSettings(settings);
    await putSetting(`project-settings:${this.projectId}`, parsed);
    this.settings = parsed;
    this.#refold();
    // Due dates and overdue flags in DuckDB's case_state depend on the milestones: rewrite them.
    await this.#mirror(this.cases);
  }

  /**
   * One user action on one case: drafts proposed in order (each sees the previous), then written in ONE
   * transaction. Resolves after the write has committed; throws ActionRefusedError and writes nothing when the
   * workflow refuses any of them.
   */
  async act(caseId: CaseId, drafts: readonly EventDraft[]): Promise<CaseFold> {
    return (await this.actMany([[caseId, drafts]]))[0] as CaseFold;
  }

  /** Several cases at once (opening a detection run's patches): one transaction for all. */
  async actMany(work: readonly (readonly [CaseId, readonly EventDraft[]])[]): Promise<CaseFold[]> {
    if (!this.projectId) throw new ActionRefusedError('no_project', 'no project is open');
    const actor = await this.ensureActor();
    const projectId = this.projectId;
    if (!projectId) throw new ActionRefusedError('no_project', 'no project is open');
    const author = { actor, device: this.device };
    const context = { settings: this.settings, catalog: this.catalog };
    const written: LedgerEvent[] = [];
    // A local scratch map of this call, not reactive state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const next = new Map<CaseId, { events: LedgerEvent[]; fold: CaseFold }>();
    for (const [caseId, drafts] of work) {
      let events = [...(next.get(caseId)?.events ?? this.caseEvents(caseId))];
      let fold = next.get(caseId)?.fold ?? foldCase(events);
      for (const draft of drafts) {
        const result = propose(draft, events, author, clock, context);
        if (!result.ok)
          throw new ActionRefusedError('workflow', result.error.message, { cause: result.error });
        events = [...events, result.event];
        fold = result.fold;
        written.push(result.event);
      }
      next.set(caseId, { events, fold });
    }
    await appendEvents(projectId, written);
    for (const [caseId, { events, fold }] of next) {
      this.#events.set(caseId, events);
      this.folds.set(caseId, fold);
    }
    await this.#mirror([...next.values()].flatMap(({ fold }) => (fold.state ? [fold.state] : [])));
    return [...next.values()].map((entry) => entry.fold);
  }

  /** Open a case per patch (a detection run's output or a hand-drawn clue), all in one transaction. */
  async openCases(
    patches: readonly PatchSnapshot[],
    clueSource: string,
    stage: 'auto' | 'clue' | 'suspected' = 'auto',
  ): Promise<void> {
    await this.actMany(
      patches.map((patch) => [
        caseIdOfPatch(patch.id),
        [{ caseId: caseIdOfPatch(patch.id), type: 'opened', payload: { patch, stage, clueSource } }],
      ]),
    );
  }

  /** Undo the case's last action with a compensating event (nothing is ever deleted). */
  async undo(caseId: CaseId): Promise<void> {
    const draft = undoDraft(this.caseEvents(caseId));
    if (!draft) throw new ActionRefusedError('nothing_to_undo', 'nothing to undo');
    await this.act(caseId, [draft]);
  }

  /**
   * Undo the last review decision recorded on this device's session, whichever patch it was on (U in a review
   * session): a compensating event for that decision's last action. Refused in words when there is none.
   */
  async undoLastDecision(): Promise<CaseId> {
    const last = lastDecision(this.folds.values(), this.actor);
    if (!last) throw new ActionRefusedError('no_decision', 'no review decision to undo');
    if (!last.undoable)
      throw new ActionRefusedError('decision_not_last', `case ${last.caseId} changed after its decision`, {
        params: { case: last.caseId },
      });
    await this.act(last.caseId, [
      { caseId: last.caseId, type: 'undone', payload: { target: last.event.id } },
    ]);
    return last.caseId;
  }

  /** Events written elsewhere (a bundle import): already validated and merged by the caller. */
  async adopt(events: readonly LedgerEvent[]): Promise<void> {
    if (!this.projectId || events.length === 0) return;
    await appendEvents(this.projectId, events);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local scratch set, not reactive state
    const touched = new Set<CaseId>();
    for (const event of events) {
      this.#events.set(event.caseId, [...this.caseEvents(event.caseId), event]);
      touched.add(event.caseId);
    }
    for (const caseId of touched) this.folds.set(caseId, foldCase(this.caseEvents(caseId)));
    await this.#mirror([...touched].flatMap((id) => this.folds.get(id)?.state ?? []));
  }
}

export const ledger = new LedgerState();
