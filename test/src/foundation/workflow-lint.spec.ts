import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

async function lintAs(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result?.messages ?? [];
}

describe('lint guards workflow determinism', () => {
  it('fails a workflow file that imports fs', async () => {
    const messages = await lintAs('workflows/src/probe.workflow.ts', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n");
    expect(messages.some((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)).toBe(true);
  });

  it('fails a workflow file that imports TypeORM or a Node built-in by node: name', async () => {
    const messages = await lintAs('workflows/src/probe.workflow.ts', "import { DataSource } from 'typeorm';\nimport { join } from 'node:path';\nexport const x = [DataSource, join];\n");
    expect(messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(2);
  });

  it('lets the same import through in a service', async () => {
    const messages = await lintAs('services/issues/src/main.ts', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n");
    expect(messages.filter((m) => m.ruleId === 'no-restricted-imports')).toHaveLength(0);
  });
});
