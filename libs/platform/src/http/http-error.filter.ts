import { type ArgumentsHost, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { refusal } from './body-errors.js';
import { hasChinese } from './constraint-messages.js';
import { allowedMethods } from './route-methods.js';

/** What a 4xx says when the exception's own message is not Chinese (Nest's and Express's defaults). */
export const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: '请求不正确',
  401: '未登录或登录已失效，请重新登录',
  403: '当前角色无权进行此操作',
  404: '请求的内容不存在',
  405: '该接口不支持此请求方法',
  406: '无法提供所要求的响应格式',
  408: '请求超时',
  409: '请求与当前状态冲突',
  410: '请求的内容已不存在',
  411: '请求缺少长度',
  412: '请求的前提条件不成立',
  413: '请求体过大',
  415: '不支持该请求体类型',
  422: '请求无法处理',
  428: '请求缺少前提条件',
  429: '请求过于频繁，请稍后再试',
};

/** Nest's answer to a path no route serves: `Cannot GET /nonexistent`. */
const ROUTE_NOT_FOUND = /^Cannot [A-Z]+ /;

const messagesOf = (message: unknown): string[] => (Array.isArray(message) ? message.filter((m): m is string => typeof m === 'string') : typeof message === 'string' ? [message] : []);

/**
 * Every HTTP error a user can see answers in Chinese, in the shape the console reads
 * (`statusCode`, `error`, `message`, and `fields` when fields are named):
 * - a body or upload the parsers refused names the limit (`body: 请求体过大，上限为 1 MiB`);
 * - a path no route serves is 404 `接口不存在`, or 405 with `Allow` when the path exists for other methods;
 * - any other 4xx whose message is not Chinese (a framework default such as `Forbidden resource`)
 *   says what its status means in Chinese.
 * Chinese answers of the services pass through unchanged; 5xx goes to Nest's own handling.
 */
@Catch(HttpException)
export class HttpErrorFilter extends BaseExceptionFilter {
  override catch(exception: HttpException, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host);
    const status = exception.getStatus();
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const refused = refusal(exception.cause);
    if (refused) {
      res.status(status).json({
        statusCode: status,
        error: status === 413 ? 'Payload Too Large' : 'Bad Request',
        message: [`${refused.field}: ${refused.reason}`],
        fields: [{ field: refused.field, reasons: [refused.reason] }],
      });
      return;
    }
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    if (status === 404 && messagesOf(message).some((m) => ROUTE_NOT_FOUND.test(m))) return this.noRoute(req, res);
    if (status < 400 || status >= 500 || messagesOf(message).some(hasChinese)) return super.catch(exception, host);
    res.status(status).json({ ...(typeof body === 'object' ? body : {}), statusCode: status, message: STATUS_MESSAGES[status] ?? `请求失败（${status}）` });
  }

  private noRoute(req: Request, res: Response): void {
    const allowed = allowedMethods(this.httpAdapterHost?.httpAdapter ?? this.applicationRef, req.path);
    if (allowed.length > 0) {
      res.setHeader('allow', allowed.join(', '));
      res.status(HttpStatus.METHOD_NOT_ALLOWED).json({ statusCode: 405, error: 'Method Not Allowed', message: `该接口不支持 ${req.method} 请求，可用：${allowed.join('、')}` });
      return;
    }
    res.status(HttpStatus.NOT_FOUND).json({ statusCode: 404, error: 'Not Found', message: `接口不存在：${req.method} ${req.path}` });
  }
}
