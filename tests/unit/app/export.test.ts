import { describe, expect, it } from 'vitest';
import { runExport, type ExportJob, type ExportPorts } from '../../../src/app/export.ts';
import type { ExportedFile, LedgerInput } from '../../../workers/export-api.ts';

/** A fake job registry, worker and download: what was downloaded and how each job ended. */
function fakePage(options: { buildFails?: boolean; files?: string[]; cancelDuringBuild?: boolean } = {}) {
  const page = {
    downloads: [] as string[],
    ended: [] as string[],
    said: [] as string[],
    cancelled: [] as number[],
  };
  const controller = new AbortController();
  const job: ExportJob = {
    signal: controller.signal,
    update: () => undefined,
    done: () => page.ended.push('done'),
    fail: () => page.ended.push('fail'),
  };
  const ports: ExportPorts = {
    startJob: () => job,
    ledgerInput: () => ({}) as LedgerInput,
    async build(jobId, _input, _request, onProgress) {
      onProgress(0.5, 'half');
      if (options.cancelDuringBuild) controller.abort();
      if (options.buildFails) throw new Error('worker failed');
      return (options.files ?? ['附件1.xlsx']).map((name): ExportedFile => ({
        name,
        blob: new Blob([String(jobId)]),
      }));
    },
    cancel: (jobId) => page.cancelled.push(jobId),
    download: (file) => page.downloads.push(file.name),
    nothingMade: () => page.said.push('nothing'),
    failed: () => page.said.push('failed'),
  };
  return { page, ports };
}

const request = async () => ({ kind: 'list', annex: 1, format: 'xlsx' }) as const;

describe('runExport', () => {
  it('downloads what the worker built and lists the names', async () => {
    const { page, ports } = fakePage({ files: ['a.xlsx', 'b.xlsx'] });
    const screen = { lastFiles: ['old.xlsx'] };
    const files = await runExport(ports, screen, 'list', request);
    expect(files.map((f) => f.name)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(page.downloads).toEqual(['a.xlsx', 'b.xlsx']);
    expect(screen.lastFiles).toEqual(['a.xlsx', 'b.xlsx']);
    expect(page.ended).toEqual(['done']);
  });

  it('downloads nothing and keeps the last file list when the worker fails', async () => {
    const { page, ports } = fakePage({ buildFails: true });
    const screen = { lastFiles: ['old.xlsx'] };
    expect(await runExport(ports, screen, 'list', request)).toEqual([]);
    expect(page.downloads).toEqual([]);
    expect(screen.lastFiles).toEqual(['old.xlsx']);
    expect(page.ended).toEqual(['fail']);
    expect(page.said).toEqual(['failed']);
  });

  it('downloads nothing when the user cancels, and tells the worker', async () => {
    const { page, ports } = fakePage({ cancelDuringBuild: true });
    const screen = { lastFiles: ['old.xlsx'] };
    expect(await runExport(ports, screen, 'list', request)).toEqual([]);
    expect(page.downloads).toEqual([]);
    expect(page.cancelled).toHaveLength(1);
    expect(screen.lastFiles).toEqual(['old.xlsx']);
    expect(page.ended).toEqual([]);
  });

  it('says so when nothing was made', async () => {
    const { page, ports } = fakePage({ files: [] });
    await runExport(ports, { lastFiles: [] }, 'letters', request);
    expect(page.said).toEqual(['nothing']);
    expect(page.ended).toEqual(['done']);
  });

  it('fails without a download when the request cannot be built', async () => {
    const { page, ports } = fakePage();
    const screen = { lastFiles: [] };
    await runExport(ports, screen, 'sheets', () => Promise.reject(new Error('no chips')));
    expect(page.downloads).toEqual([]);
    expect(page.said).toEqual(['failed']);
  });
});
