import { describe, expect, it } from '@jest/globals';
import type { BadRequestException } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { validationPipe } from './validation-errors.js';
import { Nested } from './nested.js';
import { untranslatedConstraints } from './dto-audit.js';

class SourceDocumentDto {
  @IsString() @Length(1, 20) number!: string;
}
class SampleDto {
  @IsString() @Length(1, 20) itemNo!: string;
  @IsOptional() @IsInt({ message: 'page 必须是正整数' }) @Min(1) @Max(100) page?: number;
  @Nested(() => SourceDocumentDto) document!: SourceDocumentDto;
}

const pipe = validationPipe();

async function refusal(body: unknown) {
  try {
    await pipe.transform(body, { type: 'body', metatype: SampleDto });
    return undefined;
  } catch (err) {
    return (err as BadRequestException).getResponse() as { statusCode: number; message: string[]; fields: { field: string; reasons: string[] }[] };
  }
}

describe('validation refusals', () => {
  it('name each field once, by its Chinese label, in Chinese', async () => {
    const res = await refusal({ itemNo: 123, page: 0, document: { number: '' }, pageSize: 5 });
    expect(res?.statusCode).toBe(400);
    expect([...(res?.fields ?? [])].sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'document.number', reasons: ['审计文书的文号不能为空且不超过 20 个字符'] },
      { field: 'itemNo', reasons: ['条目编号必须是文本'] },
      { field: 'page', reasons: ['页码不能小于 1'] },
      { field: 'pageSize', reasons: ['不接受字段 pageSize（接口没有这个字段）'] },
    ]);
    expect(res?.message).toEqual(res?.fields.map((f) => `${f.field}: ${f.reasons[0]}`));
  });

  it("use the DTO's own Chinese message with the label in place of the English name", async () => {
    expect((await refusal({ itemNo: '1', page: 1.5, document: { number: '1' } }))?.fields).toEqual([{ field: 'page', reasons: ['页码必须是正整数'] }]);
  });

  it('say a required nested object is missing', async () => {
    expect((await refusal({ itemNo: '1' }))?.fields).toEqual([{ field: 'document', reasons: ['审计文书为必填项'] }]);
  });

  it('the audit finds a field with no label, and none here otherwise', () => {
    class Unlabelled {
      @IsString() zzUnknownField!: string;
    }
    expect(untranslatedConstraints([SampleDto, SourceDocumentDto])).toEqual([]);
    expect(untranslatedConstraints([Unlabelled])).toEqual([expect.stringContaining('Unlabelled.zzUnknownField (isString)')]);
  });
});
