import { BODY_LIMIT_REASONS } from './body-limits.js';

/** Why body-parser refused a request body (its error `type`), in the users' language. */
const REASONS: Record<string, string> = {
  'entity.parse.failed': '请求体必须是有效的 JSON 对象',
  ...BODY_LIMIT_REASONS,
  'entity.verify.failed': '请求体无法校验',
  'encoding.unsupported': '请求体的编码不受支持',
  'charset.unsupported': '请求体的字符集不受支持',
  'request.aborted': '请求体未传完',
  'request.size.invalid': '请求体长度与声明不符',
};

/** Why multer refused an upload (its error `code`). */
const UPLOAD_REASONS: Record<string, string> = {
  LIMIT_FILE_SIZE: '文件超过大小上限',
  LIMIT_FILE_COUNT: '文件个数超过上限',
  LIMIT_UNEXPECTED_FILE: '不接受该字段的文件',
  LIMIT_PART_COUNT: '表单部分过多',
  LIMIT_FIELD_KEY: '字段名过长',
  LIMIT_FIELD_VALUE: '字段值过长',
  LIMIT_FIELD_COUNT: '字段过多',
  MISSING_FIELD_NAME: '缺少字段名',
};

/** Why busboy refused a multipart form (it has no code: its message, which Nest passes on as the cause). */
const MULTIPART_REASONS: [RegExp, string][] = [
  [/^Malformed part header/, '表单分段的头部格式不正确（如文件名含控制字符）'],
  [/^Unexpected end of form/, '表单未传完'],
  [/^Unexpected end of file/, '文件未传完'],
  [/Boundary not found/, '表单缺少分段边界（boundary）'],
  [/^Unsupported content type/, '不支持该表单类型'],
];

/** The field and reason of a refused body or upload, or undefined for any other exception's cause. */
export function refusal(cause: unknown): { field: string; reason: string } | undefined {
  const c = (cause ?? {}) as { type?: unknown; code?: unknown; field?: unknown; message?: unknown };
  if (typeof c.type === 'string' && REASONS[c.type]) return { field: 'body', reason: REASONS[c.type]! };
  if (typeof c.code === 'string' && UPLOAD_REASONS[c.code]) return { field: typeof c.field === 'string' && c.field ? c.field : 'file', reason: UPLOAD_REASONS[c.code]! };
  const multipart = c.code === undefined && typeof c.message === 'string' ? MULTIPART_REASONS.find(([pattern]) => pattern.test(c.message as string)) : undefined;
  return multipart ? { field: 'file', reason: multipart[1] } : undefined;
}
