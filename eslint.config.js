import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';
import layers from './eslint.layers.js';

/**
 * The dependency rule (docs/architecture.md), one block per folder so that rules never override each other:
 * which app folders and which packages each layer may not import. ui → app → {state, core, db, store, workers}.
 */
const duck = '@duckdb/duckdb-wasm';
const layerRules = [
  {
    files: ['src/core/**'],
    folders: ['db', 'io', 'store', 'state', 'app', 'map', 'ui', 'i18n', 'workers'],
    packages: [duck, 'idb', 'comlink', 'svelte', 'svelte/store'],
    why: 'core is pure domain logic: no app folders, DuckDB, IndexedDB, comlink or Svelte',
  },
  {
    files: ['src/db/**'],
    folders: ['state', 'app', 'ui', 'map', 'store', 'io'],
    packages: [],
    why: 'db sits below state and ui',
  },
  {
    files: ['src/io/**', 'src/store/**'],
    folders: ['state', 'app', 'ui', 'map'],
    packages: [duck],
    why: 'io and store sit below state and ui; only db/ imports duckdb-wasm',
  },
  {
    files: ['workers/**'],
    folders: ['state', 'app', 'ui', 'map', 'db', 'store'],
    packages: [duck],
    why: 'workers run core and io only',
  },
  {
    files: ['src/map/**'],
    folders: ['state', 'app', 'ui', 'db', 'store'],
    packages: [duck],
    why: 'map holds pure layer factories',
  },
  {
    files: ['src/i18n/**'],
    folders: ['state', 'app', 'ui', 'db', 'store', 'io', 'map'],
    packages: [duck],
    why: 'i18n holds messages only',
  },
  {
    files: ['src/state/**'],
    folders: ['app', 'ui'],
    packages: [duck],
    why: 'state holds what the screen shows and sits below app and ui: it never calls a use-case',
  },
  {
    files: ['src/app/**'],
    folders: ['ui'],
    packages: [duck],
    why: 'app (one module per user action) sits below ui; only db/ imports duckdb-wasm',
  },
  {
    files: ['src/ui/**'],
    folders: ['db', 'store'],
    packages: [duck],
    why: 'ui is thin: it calls state/, never db/ or store/',
  },
].map(({ files, folders, packages, why }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.map((name) => ({ name, message: why })),
        patterns: folders.map((f) => ({ group: [`**/${f}/*`, `**/${f}`], message: why })),
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'test-results/',
      '.tmp/', // scratch scripts, never committed
      'sample-data/',
      'public/',
      'tests/fixtures/',
      'tests/bench/.data/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'svelte/no-at-html-tags': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    // No type-aware rules are enabled, so no TS program is built (projectService doubled the lint time): types
    // are checked by svelte-check.
    languageOptions: {
      parserOptions: {
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  ...layerRules,
  ...layers,
);
