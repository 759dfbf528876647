import { describe, expect, it } from '@jest/globals';
import type { BadRequestException } from '@nestjs/common';
import { validationPipe } from '@rectify/platform';
import { AssignResponsibilityDto, DeterminationDto, SubmitPlanDto } from './action.dto.js';
import { RegisterProblemDto } from './problem.dto.js';

const pipe = validationPipe();

/** The fields the 400 names for `body` sent as `metatype`, or undefined when it is accepted. */
async function refusedFields(metatype: new () => object, body: unknown): Promise<{ field: string; reasons: string[] }[] | undefined> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return undefined;
  } catch (err) {
    return ((err as BadRequestException).getResponse() as { fields: { field: string; reasons: string[] }[] }).fields;
  }
}

const registration = {
  enterpriseCode: 'E001',
  source: 'routine_audit',
  document: { type: 'decision', number: '审字〔2026〕1号', issuer: '市审计局', issueDate: '2026-03-01' },
  itemNo: '1',
  title: '问题',
  description: '描述',
  category: '财务管理',
  confidentiality: 'non_confidential',
  tags: [],
};

describe('nested DTOs are required and typed', () => {
  it.each([
    ['missing', undefined, '审计文书为必填项'],
    ['null', null, '审计文书为必填项'],
    ['an array', [], '审计文书必须是对象'],
    ['a string', '审字', '审计文书必须是对象'],
    ['a number', 7, '审计文书必须是对象'],
  ])('a registration whose document is %s is refused naming document', async (_what, document, reason) => {
    const fields = await refusedFields(RegisterProblemDto, { ...registration, document });
    expect(fields?.find((f) => f.field === 'document')?.reasons).toContain(reason);
    expect(fields?.flatMap((f) => f.reasons).join('')).not.toMatch(/[a-z]{4} (property|must)/);
  });

  it('an optional nested object may be absent or null, but not an array', async () => {
    expect(await refusedFields(RegisterProblemDto, { ...registration, responsibility: null })).toBeUndefined();
    expect((await refusedFields(RegisterProblemDto, { ...registration, responsibility: [] }))?.[0]).toMatchObject({ field: 'responsibility', reasons: ['责任分解必须是对象'] });
    expect((await refusedFields(DeterminationDto, { body: 'board', criterion: 'C1', basis: '依据', plan: 'x' }))?.map((f) => f.field)).toContain('plan');
  });

  it('stage actions require their nested objects, and arrays of them hold objects only', async () => {
    expect((await refusedFields(AssignResponsibilityDto, {}))?.[0]).toMatchObject({ field: 'responsibility', reasons: expect.arrayContaining(['责任分解为必填项']) });
    const plan = { measures: '措施', targetDate: '2026-12-31' };
    expect((await refusedFields(SubmitPlanDto, { ...plan, milestones: [1, 'a'] }))?.[0]).toMatchObject({ field: 'milestones', reasons: expect.arrayContaining(['时间节点的每一项必须是对象']) });
    expect((await refusedFields(SubmitPlanDto, { ...plan, milestones: {} }))?.[0]).toMatchObject({ field: 'milestones', reasons: expect.arrayContaining(['时间节点必须是数组']) });
    expect(await refusedFields(SubmitPlanDto, { ...plan, milestones: [{ title: '一', dueDate: '2026-09-30' }] })).toBeUndefined();
  });

  it('a well-formed registration passes', async () => {
    expect(await refusedFields(RegisterProblemDto, registration)).toBeUndefined();
  });
});
