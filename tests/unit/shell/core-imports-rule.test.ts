// eslint.layers.js run on small texts: a core module that imports anything of the repository outside src/core
// fails lint (value or type import, re-export, dynamic import), while core-to-core and package imports pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function coreRuleMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.filter((m) => m.ruleId === 'layers/core-imports-core').map((m) => m.message);
}

describe('core imports only core', () => {
  it('refuses core importing io, db, store, state, app, ui, map, i18n or workers', async () => {
    for (const target of ['io', 'db', 'store', 'state', 'app', 'ui', 'map', 'i18n']) {
      const code = `import { x } from '../../${target}/thing.ts';\nexport const y = x;\n`;
      const messages = await coreRuleMessages('src/core/geo/probe.ts', code);
      expect(messages, target).toHaveLength(1);
      expect(messages[0]).toContain(`src/${target}/thing.ts`);
    }
    const fromWorkers = await coreRuleMessages(
      'src/core/probe.ts',
      "import { x } from '../../workers/thing-api.ts';\nexport const y = x;\n",
    );
    expect(fromWorkers).toHaveLength(1);
  });

  it('counts type-only imports, re-exports and dynamic imports', async () => {
    const code = [
      "import type { T } from '../io/thing.ts';",
      "export * from '../state/thing.ts';",
      "export const load = (): Promise<unknown> => import('../db/thing.ts');",
      'export type U = T;',
      '',
    ].join('\n');
    expect(await coreRuleMessages('src/core/probe.ts', code)).toHaveLength(3);
  });

  it('lets core import core and packages, and leaves other folders alone', async () => {
    const core = [
      "import { z } from 'zod';",
      "import { a } from './case/workflow.ts';",
      "import { b } from '../geo/rings.ts';",
      'export const c = [z, a, b];',
      '',
    ].join('\n');
    expect(await coreRuleMessages('src/core/indicators/probe.ts', core)).toEqual([]);
    const state = "import { x } from '../io/thing.ts';\nexport const y = x;\n";
    expect(await coreRuleMessages('src/state/probe.ts', state)).toEqual([]);
  });
});
