/** A verified bundle's plan, project and manifest as plain data, fit to cross the worker boundary. */
import type { BundleContents, BundleImportPlan } from '../core/bundle/contents.ts';

export function planData(plan: BundleImportPlan) {
  return {
    incoming: plan.incoming,
    added: [...plan.added],
    alreadyPresent: plan.alreadyPresent,
    collisions: plan.collisions.length,
    cases: [...plan.cases],
    conflicts: [...plan.conflicts],
    sameProject: plan.sameProject,
    from: plan.from,
  };
}

export function projectData(contents: BundleContents) {
  return { id: contents.project.id, name: contents.project.name, settings: contents.project.settings };
}

export function manifestData(contents: BundleContents) {
  const m = contents.manifest;
  return {
    appVersion: m.appVersion,
    created: m.created,
    actor: m.creator.actor,
    device: m.creator.device,
    entries: m.entries.length,
  };
}

/** The run records of a bundle's `runs.json`: objects only (anything else in the array is dropped). */
export function runRecords(runs: unknown): Record<string, unknown>[] {
  return Array.isArray(runs)
    ? runs.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    : [];
}
