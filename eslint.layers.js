import path from 'node:path';

/**
 * Core's import rule as an allow-list: a module under src/core may import packages and other core modules,
 * nothing else of the repository (io, db, store, state, app, ui, map, i18n, workers, sw, tests…). It resolves
 * each relative specifier against the importing file, so no folder name or nesting depth slips through, and
 * type-only imports count like value imports. The per-folder deny-lists live in eslint.config.js.
 */
const coreImportsCore = {
  meta: {
    type: 'problem',
    docs: { description: 'src/core imports only src/core and packages' },
    messages: {
      outside:
        "core is pure domain logic and imports only core: '{{spec}}' resolves to {{target}}. Move the code into " +
        'src/core, or pass what core needs in as an argument.',
    },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd ?? process.cwd();
    const coreRoot = path.resolve(cwd, 'src/core');
    const fileDir = path.dirname(path.resolve(cwd, context.filename));
    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(fileDir, source.value);
      if (target === coreRoot || target.startsWith(coreRoot + path.sep)) return;
      context.report({
        node,
        messageId: 'outside',
        data: { spec: source.value, target: path.relative(cwd, target) || '.' },
      });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default [
  {
    files: ['src/core/**'],
    plugins: { layers: { rules: { 'core-imports-core': coreImportsCore } } },
    rules: { 'layers/core-imports-core': 'error' },
  },
];
