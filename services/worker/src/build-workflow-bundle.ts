import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '@rectify/platform';
import { PRELOADED_MODULES } from './preloaded-modules.js';

/**
 * Bundles the workflow code once at build time, so the worker starts without webpack and every
 * worker runs the identical bundle. Two bundles of the same workflows, which differ only in the
 * OpenTelemetry interceptors of traced requests (workflows/src/tracing.interceptors.ts, outermost):
 * dist/workflow-bundle.js without them, dist/workflow-bundle-traced.js with them. The worker runs
 * the traced one only when tracing is on: those interceptors' modules are evaluated for every
 * cached workflow (about 1.1 MiB a cached workflow instead of 0.6; docs/operations.md, "Sizing").
 * Both carry Rectify's failure converter (failure messages become payloads, which the worker's
 * codec encrypts) and the interceptors that pass a request's id on to the activities
 * (workflows/src/request-id.interceptors.ts). The replay test replays every history through both.
 * Rectify's stateless libraries are evaluated once and shared by all workflows (preloaded-modules.ts).
 */
const require = createRequire(import.meta.url);
const workflowsPath = require.resolve('@rectify/workflows');
// The interceptor modules sit beside the workflows' index in the built package.
const besideWorkflows = (file: string) => fileURLToPath(new URL(file, pathToFileURL(workflowsPath)));
const bundles = [
  { file: './workflow-bundle.js', interceptors: ['./request-id.interceptors.js'] },
  { file: './workflow-bundle-traced.js', interceptors: ['./tracing.interceptors.js', './request-id.interceptors.js'] },
];
for (const { file, interceptors } of bundles) {
  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: interceptors.map(besideWorkflows), failureConverterPath: FAILURE_CONVERTER_PATH, preloadModules: [...PRELOADED_MODULES] });
  const out = fileURLToPath(new URL(file, import.meta.url));
  await writeFile(out, code);
  process.stdout.write(`workflow bundle written to ${out} (${code.length} bytes)\n`);
}
