/**
 * The Content-Security-Policy (index.html <meta> and the header scripts/serve.mjs sends, which also covers
 * workers) allows no remote origin and no string-to-code, and the two copies say the same. Plus the web app
 * manifest: relative URLs (works from a sub-path) and icons that exist at their stated sizes.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
// @ts-expect-error -- plain ESM helper shared with `npm start`; it has no type declarations.
import { CSP as HEADER_CSP } from '../../../scripts/serve.mjs';

type Policy = Map<string, string[]>;

function parse(policy: string): Policy {
  const out: Policy = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name, sources);
  }
  return out;
}

const META = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
  readFileSync('index.html', 'utf8'),
)?.[1];
/** Sources that never reach another machine. */
const LOCAL_SOURCES = new Set([
  "'self'",
  "'none'",
  'blob:',
  'data:',
  "'wasm-unsafe-eval'",
  "'unsafe-inline'",
]);

describe('Content-Security-Policy', () => {
  it('index.html and the server header carry the same policy', () => {
    expect(META).toBeDefined();
    expect(parse(META ?? '')).toEqual(parse(HEADER_CSP as string));
  });

  for (const [where, policy] of [
    ['index.html', META ?? ''],
    ['serve.mjs header', HEADER_CSP as string],
  ] as const) {
    it(`${where}: no remote origin anywhere, no eval, no inline script`, () => {
      const p = parse(policy);
      for (const [directive, sources] of p)
        for (const source of sources) expect(LOCAL_SOURCES.has(source), `${directive} ${source}`).toBe(true);
      expect(p.get('default-src')).toEqual(["'self'"]);
      expect(p.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(p.get('connect-src')?.filter((s) => s !== 'blob:' && s !== 'data:')).toEqual(["'self'"]);
      expect(p.get('object-src')).toEqual(["'none'"]);
      expect(p.get('base-uri')).toEqual(["'self'"]);
      expect(p.get('form-action')).toEqual(["'none'"]);
      // 'unsafe-inline' only for styles (Svelte style attributes), never for scripts.
      for (const [directive, sources] of p)
        if (sources.includes("'unsafe-inline'")) expect(directive).toBe('style-src');
    });
  }
});

describe('web app manifest', () => {
  const manifest = JSON.parse(readFileSync('public/manifest.webmanifest', 'utf8')) as {
    start_url: string;
    scope: string;
    id: string;
    display: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
  };

  it('uses relative URLs, so the installed app works from any sub-path', () => {
    expect(manifest.start_url).toBe('./');
    expect(manifest.scope).toBe('./');
    for (const icon of manifest.icons) expect(icon.src).not.toMatch(/^(\/|[a-z]+:)/);
    expect(manifest.display).toBe('standalone');
  });

  it('has PNG icons of 192 and 512 px (one maskable) that exist at those sizes', () => {
    const sizeOf = (path: string): string => {
      const png = readFileSync(path);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
    };
    const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
    expect(pngs.map((icon) => icon.sizes).sort()).toEqual(['192x192', '512x512', '512x512']);
    expect(pngs.some((icon) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      expect(existsSync(`public/${icon.src}`), icon.src).toBe(true);
      if (icon.type === 'image/png') expect(sizeOf(`public/${icon.src}`)).toBe(icon.sizes);
    }
  });
});
