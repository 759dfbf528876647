import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '@rectify/platform';

/**
 * Bundles the workflow code once at build time (dist/workflow-bundle.js), so the worker starts
 * without webpack and every worker runs the identical bundle. The bundle carries Rectify's failure
 * converter (failure messages become payloads, which the worker's codec encrypts), the
 * OpenTelemetry interceptors of traced requests (workflows/src/tracing.interceptors.ts, outermost)
 * and the interceptors that pass a request's id on to the activities (workflows/src/request-id.interceptors.ts).
 */
const require = createRequire(import.meta.url);
const workflowsPath = require.resolve('@rectify/workflows');
// The interceptor modules sit beside the workflows' index in the built package.
const interceptorModules = ['./tracing.interceptors.js', './request-id.interceptors.js'].map((file) => fileURLToPath(new URL(file, pathToFileURL(workflowsPath))));
const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: interceptorModules, failureConverterPath: FAILURE_CONVERTER_PATH });
const out = fileURLToPath(new URL('./workflow-bundle.js', import.meta.url));
await writeFile(out, code);
process.stdout.write(`workflow bundle written to ${out} (${code.length} bytes)\n`);
