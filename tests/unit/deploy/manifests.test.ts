// deploy/k8s and the Dockerfile keep the sharding contract: an Indexed Job whose completion index is the shard
// number, SHARD_COUNT equal to completions and parallelism, the image's entrypoint as the pass's command, and a
// merge step that reads exactly the N files the shards write (its shell script is run here with a fake npm).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The manifest with its parameters filled in, as `envsubst` does in deploy/README.md. */
function render(path: string, shards: number, image = 'redline-detect:test'): string {
  return read(path).replaceAll('${SHARD_COUNT}', String(shards)).replaceAll('${IMAGE}', image);
}

/** Value of the first `key: value` line (quotes removed). */
function scalar(yaml: string, key: string): string | undefined {
  const m = new RegExp(`^\\s*${key}:\\s*(.+?)\\s*$`, 'm').exec(yaml);
  return m?.[1]?.replace(/^['"]|['"]$/g, '');
}

/** A flow sequence such as `command: ['npm', 'run']`, as strings. */
function flowList(yaml: string, key: string): string[] {
  const m = new RegExp(`^\\s*${key}:\\s*\\[(.*)\\]\\s*$`, 'm').exec(yaml);
  if (!m?.[1]) throw new Error(`no ${key}: [...] line`);
  return JSON.parse(`[${m[1].replaceAll("'", '"')}]`) as string[];
}

/** The block sequence under `key:` (items `- x` indented deeper than the key), as strings. */
function blockList(yaml: string, key: string): string[] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s*${key}:\\s*$`).test(l));
  if (start < 0) throw new Error(`no ${key}: block`);
  const indent = /^\s*/.exec(lines[start] ?? '')?.[0].length ?? 0;
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const depth = /^\s*/.exec(line)?.[0].length ?? 0;
    if (line.trim() && depth <= indent) break;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item?.[1] !== undefined) items.push(item[1].replace(/^['"]|['"]$/g, ''));
  }
  return items;
}

/** The literal block (`- |`) under `args:`, unindented. */
function literalArg(yaml: string): string {
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) => /^\s*-\s*\|\s*$/.test(l));
  if (start < 0) throw new Error('no literal block argument');
  const body: string[] = [];
  let indent = -1;
  for (const line of lines.slice(start + 1)) {
    const depth = /^\s*/.exec(line)?.[0].length ?? 0;
    if (indent < 0) indent = depth;
    if (line.trim() && depth < indent) break;
    body.push(line.slice(indent));
  }
  return body.join('\n');
}

/** Kubernetes' own expansion of container args: $(NAME) from the env given, $$ → $. */
function kubeExpand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name: string | undefined) =>
    all === '$$' ? '$' : name !== undefined && name in env ? (env[name] ?? all) : all,
  );
}

const dockerEntrypoint = (): string[] => {
  const m = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(read('Dockerfile'));
  if (!m?.[1]) throw new Error('Dockerfile has no exec-form ENTRYPOINT');
  return JSON.parse(m[1]) as string[];
};

describe('Dockerfile', () => {
  it('runs `npm run detect --` on Node 20 slim after npm ci, with /data as the volume', () => {
    const docker = read('Dockerfile');
    expect(docker).toMatch(/^FROM node:20-[a-z]+-slim$/m);
    expect(docker).toMatch(/^RUN npm ci\b/m);
    expect(dockerEntrypoint()).toEqual(['npm', 'run', '--silent', 'detect', '--']);
    expect(docker).toMatch(/^VOLUME \["\/data"\]$/m);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.detect).toMatch(/scripts\/detect\.ts/);
    // The merge job runs `npm run merge` in the same image.
    expect(scripts.merge).toMatch(/scripts\/merge\.ts/);
  });

  it('copies every folder the command line reads and leaves the heavy ones out of the context', () => {
    const docker = read('Dockerfile');
    for (const folder of ['src', 'workers', 'scripts', 'public'])
      expect(docker).toMatch(new RegExp(`^COPY ${folder} `, 'm'));
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', '.git', 'tests']) expect(ignored).toContain(entry);
  });
});

describe('pass-job.yaml', () => {
  const job = render('deploy/k8s/pass-job.yaml', 4);

  it('is an Indexed Job with completions = parallelism = SHARD_COUNT = N', () => {
    expect(scalar(job, 'kind')).toBe('Job');
    expect(scalar(job, 'completionMode')).toBe('Indexed');
    expect(scalar(job, 'completions')).toBe('4');
    expect(scalar(job, 'parallelism')).toBe('4');
    expect(job).toMatch(/- name: SHARD_COUNT\n\s+value: '4'/);
    const eight = render('deploy/k8s/pass-job.yaml', 8);
    expect([scalar(eight, 'completions'), scalar(eight, 'parallelism')]).toEqual(['8', '8']);
  });

  it('takes the shard number from the completion index', () => {
    expect(job).toMatch(
      /- name: JOB_COMPLETION_INDEX\n\s+valueFrom:\n\s+fieldRef:\n\s+fieldPath: metadata\.annotations\['batch\.kubernetes\.io\/job-completion-index'\]/,
    );
    expect(job).not.toMatch(/--shard\b/);
  });

  it("runs the image's entrypoint on the mounted claim, one output file per index", () => {
    expect(flowList(job, 'command')).toEqual(dockerEntrypoint());
    expect(scalar(job, 'image')).toBe('redline-detect:test');
    const args = blockList(job, 'args');
    expect(args[args.indexOf('--out') + 1]).toBe('/data/out/shard-$(JOB_COMPLETION_INDEX).parquet');
    for (const input of ['--t1', '--t2', '--redline'])
      expect(args[args.indexOf(input) + 1]).toMatch(/^\/data\//);
    expect(scalar(job, 'mountPath')).toBe('/data');
    expect(scalar(job, 'claimName')).toBe('redline-pass-data');
    expect(scalar(job, 'memory')).toMatch(/^\d+(Mi|Gi)$/);
  });
});

describe('merge-job.yaml', () => {
  const merge = render('deploy/k8s/merge-job.yaml', 4);
  const pass = render('deploy/k8s/pass-job.yaml', 4);

  it('uses the same image, claim and shard count', () => {
    expect(scalar(merge, 'image')).toBe(scalar(pass, 'image'));
    expect(scalar(merge, 'claimName')).toBe(scalar(pass, 'claimName'));
    expect(scalar(merge, 'mountPath')).toBe('/data');
    expect(merge).toMatch(/- name: SHARD_COUNT\n\s+value: '4'/);
  });

  it("merges exactly the files the pass's N indexes write, in index order", () => {
    const passArgs = blockList(pass, 'args');
    const outPattern = passArgs[passArgs.indexOf('--out') + 1] ?? '';
    const shardFiles = [0, 1, 2, 3].map((k) => kubeExpand(outPattern, { JOB_COMPLETION_INDEX: String(k) }));
    expect(shardFiles[3]).toBe('/data/out/shard-3.parquet');

    // Run the merge container's script as Kubernetes would hand it to sh, with an `npm` that records its arguments.
    expect(flowList(merge, 'command')).toEqual(['sh', '-c']);
    const script = kubeExpand(literalArg(merge), { SHARD_COUNT: '4' });
    const bin = mkdtempSync(join(tmpdir(), 'fake-npm-'));
    try {
      writeFileSync(join(bin, 'npm'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${bin}/calls"\n`);
      chmodSync(join(bin, 'npm'), 0o755);
      execFileSync('sh', ['-c', script], { env: { PATH: `${bin}:/usr/bin:/bin`, SHARD_COUNT: '4' } });
      const calls = readFileSync(join(bin, 'calls'), 'utf8').trim().split('\n');
      expect(calls).toEqual([
        `run --silent merge -- ${shardFiles.join(' ')} --out /data/out/patches.parquet`,
        `run --silent merge -- ${shardFiles.join(' ')} --out /data/out/patches.geojson`,
      ]);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
