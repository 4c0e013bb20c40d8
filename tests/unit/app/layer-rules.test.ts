// The import rules of eslint.config.js, run on small texts: proof that a state module importing a use-case fails
// lint, and that the allowed directions pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer import rules', () => {
  it('refuses state importing app', async () => {
    const messages = await restrictedImports(
      'src/state/probe.ts',
      "import { x } from '../app/commit-outline.ts';\nexport const y = x;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/never calls a use-case/);
  });

  it('refuses core importing io, db, store, state, app or ui', async () => {
    for (const folder of ['io', 'db', 'store', 'state', 'app', 'ui']) {
      const messages = await restrictedImports(
        'src/core/probe.ts',
        `import { x } from '../${folder}/thing.ts';\nexport const y = x;\n`,
      );
      expect(messages, folder).toHaveLength(1);
    }
  });

  it('refuses app importing ui', async () => {
    const messages = await restrictedImports(
      'src/app/probe.ts',
      "import { x } from '../ui/thing.ts';\nexport const y = x;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('lets ui import app and app import state, core, db, store and workers', async () => {
    expect(
      await restrictedImports(
        'src/ui/probe.ts',
        "import { x } from '../app/thing.ts';\nexport const y = x;\n",
      ),
    ).toEqual([]);
    for (const folder of ['state', 'core', 'db', 'store']) {
      const code = `import { x } from '../${folder}/thing.ts';\nexport const y = x;\n`;
      expect(await restrictedImports('src/app/probe.ts', code), folder).toEqual([]);
    }
    expect(
      await restrictedImports(
        'src/app/probe.ts',
        "import { x } from '../../workers/thing.ts';\nexport const y = x;\n",
      ),
    ).toEqual([]);
  });
});
