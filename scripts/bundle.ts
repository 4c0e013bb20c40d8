/**
 * Case bundles from the command line, for the national platform's batch use (no browser):
 *   npm run bundle -- inspect X.zip            manifest and ZIP directory (hashes not checked)
 *   npm run bundle -- verify X.zip             full verification; exit code 1 if refused
 *   npm run bundle -- lists X.zip [--out DIR] [--date YYYY-MM-DD]
 *                                              verify, then write the annex lists (XLSX, CSV) and letters (DOCX)
 *   npm run bundle -- schema                   print the JSON Schema of manifest.json (docs/bundle.schema.json)
 * (package.json: "bundle": "tsx scripts/bundle.ts")
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BundleError, manifestJsonSchema } from '../src/core/bundle/manifest.ts';
import { inspectBundle, openBundle } from '../src/core/bundle/verify.ts';
import { readBundleContents } from '../src/core/bundle/contents.ts';
import type { ByteSource } from '../src/core/bundle/zip-index.ts';
import { foldCatalog } from '../src/core/catalog-events.ts';
import { localDate } from '../src/core/case/due-dates.ts';
import { annexFiles } from '../src/io/zip-bundle.ts';

async function fileSource(path: string): Promise<{ source: ByteSource; close: () => Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    source: {
      size,
      read: async (offset, length) => {
        const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        return buffer.subarray(0, bytesRead);
      },
    },
    close: () => handle.close(),
  };
}

const kb = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;
const option = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main(argv: string[]): Promise<number> {
  const [command, zipPath] = argv;
  if (command === 'schema') {
    console.log(JSON.stringify(manifestJsonSchema(), null, 2));
    return 0;
  }
  if (!command || !zipPath || !['inspect', 'verify', 'lists'].includes(command)) {
    console.error(
      'usage: npm run bundle -- inspect|verify|lists <bundle.zip> [--out DIR] [--date YYYY-MM-DD]',
    );
    return 2;
  }
  const { source, close } = await fileSource(zipPath);
  try {
    if (command === 'inspect') {
      const { manifest, zip } = await inspectBundle(source);
      console.log(`format      ${manifest.format} v${manifest.formatVersion} (app ${manifest.appVersion})`);
      console.log(
        `created     ${manifest.created} by ${manifest.creator.actor} on ${manifest.creator.device}`,
      );
      console.log(
        `project     ${manifest.project.name} (${manifest.project.id}), ${manifest.project.province}`,
      );
      console.log(`ledger      ${manifest.counts.events} events, ${manifest.counts.cases} cases`);
      console.log(
        `entries     ${manifest.entries.length} listed, ${zip.length} in the zip (incl. manifest.json)`,
      );
      for (const e of manifest.entries)
        console.log(
          `  ${e.path.padEnd(40)} ${kb(e.size).padStart(9)}  ${e.sha256.slice(0, 12)}…  ${e.title ?? ''}`,
        );
      console.log('hashes not checked: run `verify` for the full check');
      return 0;
    }
    const started = performance.now();
    const bundle = await openBundle(source);
    const ms = Math.round(performance.now() - started);
    const total = bundle.entries.reduce((n, e) => n + e.size, 0);
    console.log(
      `OK: manifest valid, ${bundle.entries.length} entries (${kb(total)}) match their SHA-256 (${ms} ms)`,
    );
    if (command === 'verify') return 0;

    const contents = await readBundleContents(bundle);
    const out = option(argv, '--out') ?? `${basename(zipPath).replace(/\.zip$/i, '')}-lists`;
    const date = option(argv, '--date') ?? localDate();
    const catalog = foldCatalog(contents.catalogEvents, contents.project.settings.catalog).catalog;
    await mkdir(out, { recursive: true });
    for (const file of await annexFiles(contents.events, contents.project.settings, catalog, date)) {
      const bytes = typeof file.bytes === 'function' ? await file.bytes() : file.bytes;
      const name = `${file.path.replace(/\//g, '-').replace(/\.(\w+)$/, '')}-${file.title?.replace(/[\\/:*?"<>| ]+/g, '_') ?? ''}.${file.path.split('.').pop()}`;
      await writeFile(join(out, name), bytes);
      console.log(`wrote ${join(out, name)} (${kb(bytes.length)})`);
    }
    return 0;
  } catch (error) {
    if (error instanceof BundleError) {
      console.error(`REFUSED [${error.code}]: ${error.userMessage('zh')} / ${error.userMessage('en')}`);
      console.error(`detail: ${error.detail}`);
      return 1;
    }
    throw error;
  } finally {
    await close();
  }
}

process.exitCode = await main(process.argv.slice(2));
