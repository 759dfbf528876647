import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constraintKey, constraintMessage, constraintsOf, hasChinese, isCondition, validatedClasses } from './constraint-messages.js';
import { labelOf, type DtoClass } from './field-labels.js';

/**
 * Imports every compiled module under `dir` (a service's dist) so that all its DTO classes register
 * their constraints — except entry points, workers, migrations and tests, which do work on import.
 */
export async function importCompiledModules(dir: string): Promise<number> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'migrations') walk(path);
      } else if (name.endsWith('.js') && name !== 'main.js' && !name.endsWith('.spec.js') && !name.includes('.worker.')) files.push(path);
    }
  };
  walk(dir);
  for (const file of files) await import(pathToFileURL(file).href);
  return files.length;
}

/**
 * Every constraint of every validated class whose refusal would not be Chinese or would not name
 * its field's label — empty when all are. Each service's unit test imports its DTOs
 * ({@link importCompiledModules}) and asserts this is empty.
 */
export function untranslatedConstraints(classes: DtoClass[] = validatedClasses()): string[] {
  const problems: string[] = [];
  for (const target of classes) {
    for (const m of constraintsOf(target)) {
      if (isCondition(m) || m.type === 'whitelistValidation') continue;
      const where = `${target.name}.${m.propertyName} (${constraintKey(m)})`;
      const label = labelOf(target, m.propertyName);
      if (!label) {
        problems.push(`${where}: 没有中文标签（libs/platform/src/http/field-labels.ts）`);
        continue;
      }
      const text = constraintMessage(m, label);
      if (!hasChinese(text) || !text.includes(label)) problems.push(`${where}: ${text}`);
    }
  }
  return problems;
}

/** How many refusing constraints the validated classes declare (so a test knows it walked something). */
export const constraintCount = (classes: DtoClass[] = validatedClasses()) =>
  classes.reduce((n, target) => n + constraintsOf(target).filter((m) => !isCondition(m) && m.type !== 'whitelistValidation').length, 0);

/** Imports a service's compiled modules under `dir` and audits every constraint of its DTOs. */
export async function auditDtoMessages(dir: string): Promise<{ modules: number; constraints: number; untranslated: string[] }> {
  const modules = await importCompiledModules(dir);
  return { modules, constraints: constraintCount(), untranslated: untranslatedConstraints() };
}
