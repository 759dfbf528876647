import { describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import { QueryNotRegisteredError, type Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { ProblemWorkflows } from './problem-workflows.js';

/** A Temporal client whose state query fails with `err` (the client is the edge of this unit). */
const failingQuery = (err: Error) => ({ workflow: { getHandle: () => ({ query: () => Promise.reject(err) }) } }) as unknown as Client;

async function statusOf(err: Error): Promise<{ status: number; message: unknown }> {
  const refused = await new ProblemWorkflows(failingQuery(err)).view('E001-2026-00001').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(HttpException);
  const http = refused as HttpException;
  return { status: http.getStatus(), message: (http.getResponse() as { message?: unknown }).message };
}

describe('ProblemWorkflows.view', () => {
  it('answers 503 in Chinese when the workflow cannot answer its state query', async () => {
    expect(await statusOf(new QueryNotRegisteredError('Workflow task failed: nondeterminism', 2 as never))).toEqual({ status: 503, message: '流程状态暂时无法读取，请稍后重试' });
    expect(await statusOf(new Error('14 UNAVAILABLE: No connection established'))).toEqual({ status: 503, message: '流程状态暂时无法读取，请稍后重试' });
  });

  it('answers 404 when the workflow does not exist', async () => {
    expect(await statusOf(new WorkflowNotFoundError('not found', 'problem-E001-2026-00001', undefined))).toEqual({ status: 404, message: '问题的流程不存在' });
  });
});
