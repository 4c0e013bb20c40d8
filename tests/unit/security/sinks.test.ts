/**
 * No code from data, no way out: the app's source has none of the DOM sinks that turn text into HTML or
 * code, and no network API beyond same-origin fetch. A new use fails this test; if one is ever truly
 * needed, it gets a reviewed entry in ALLOWED with the reason.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /\{@html\b/, why: 'renders a string as HTML' },
  { pattern: /\.(innerHTML|outerHTML)\s*[+]?=/, why: 'parses a string as HTML' },
  { pattern: /\binsertAdjacentHTML\s*\(/, why: 'parses a string as HTML' },
  { pattern: /\bdocument\.write(ln)?\s*\(/, why: 'parses a string as HTML' },
  { pattern: /\bcreateContextualFragment\s*\(/, why: 'parses a string as HTML' },
  { pattern: /\bsrcdoc\b/, why: 'an iframe document from a string' },
  { pattern: /(?<![.\w])eval\s*\(/, why: 'runs a string as code' },
  { pattern: /\bnew\s+Function\s*\(/, why: 'runs a string as code' },
  { pattern: /\bset(Timeout|Interval)\s*\(\s*['"`]/, why: 'runs a string as code' },
  { pattern: /\bnew\s+(WebSocket|EventSource)\s*\(/, why: 'opens a connection' },
  { pattern: /\bnavigator\.sendBeacon\b/, why: 'sends data out' },
  { pattern: /\bXMLHttpRequest\b/, why: 'a network API the app does not use' },
  { pattern: /\b(fetch|import)\(\s*['"`](https?:|wss?:)?\/\//, why: 'a remote URL' },
  { pattern: /\bwindow\.open\s*\(/, why: 'opens another page' },
];

/** file:pattern-source → why it is acceptable. Empty on purpose. */
const ALLOWED: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** The text without comments (a sink named in a comment is fine). */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
    .replace(/<!--[\s\S]*?-->/g, '');
}

describe('no HTML or code sinks, no network APIs in the app', () => {
  const files = [...sources('src'), ...sources('workers'), 'index.html'];

  it('scans the whole app', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  for (const { pattern, why } of FORBIDDEN)
    it(`${pattern.source} (${why})`, () => {
      const hits = files.flatMap((file) =>
        code(readFileSync(file, 'utf8'))
          .split('\n')
          .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
          .filter((hit) => !ALLOWED[`${hit.split(':')[0]}:${pattern.source}`]),
      );
      expect(hits).toEqual([]);
    });

  it('the scanner finds a sink when there is one', () => {
    const sample = code('el.innerHTML = name; // innerHTML in a comment\n/* eval(x) */ eval(y)');
    expect(FORBIDDEN.filter(({ pattern }) => sample.split('\n').some((l) => pattern.test(l))).length).toBe(2);
  });
});
