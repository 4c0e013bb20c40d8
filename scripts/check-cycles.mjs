// Fails when relative imports between the app's modules form a cycle, type-only imports included: a type
// circle still ties the modules' meaning together, so it is untangled like any other.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const roots = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(ts|svelte)$/.test(name)) files.push(resolve(path));
  }
};
roots.forEach(walk);

const importPattern =
  /(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const graph = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const edges = [];
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2];
    const target = resolve(dirname(file), spec.replace(/\?.*$/, ''));
    // A Svelte component that renders itself (a tree, nested markdown) is recursion, not a module cycle.
    if (target === file && file.endsWith('.svelte')) continue;
    if (graph.has(target) || files.includes(target)) edges.push(target);
  }
  graph.set(file, edges);
}

const state = new Map();
const stack = [];
const cycles = [];
const visit = (node) => {
  state.set(node, 'open');
  stack.push(node);
  for (const next of graph.get(node) ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(node, 'done');
};
for (const file of files) if (!state.has(file)) visit(file);

if (cycles.length > 0) {
  const cwd = process.cwd() + '/';
  for (const cycle of cycles)
    console.error('import cycle: ' + cycle.map((f) => f.replace(cwd, '')).join(' → '));
  process.exit(1);
}
console.log(`no import cycles in ${files.length} modules`);
