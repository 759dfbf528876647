import { DefaultFailureConverter } from '@temporalio/common';

/**
 * The failure converter of every Rectify Temporal client and worker, and of the workflow bundle
 * (docs/security.md): a failure's message and stack trace move into its encoded attributes, a
 * payload, so the payload codec encrypts them like any other payload. Loaded by path
 * (DataConverter.failureConverterPath), also inside the workflow sandbox: it imports nothing else,
 * and it is CommonJS (.cts → .cjs) because the SDK loads it with require(), under Jest too.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
