import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayConfig } from '../config.js';
import { CODEC_PATH, codecSessionToken } from './codec-session.js';

/**
 * What the codec endpoint needs before Nest's routes see a request (mounted ahead of the body
 * parser, so the size check happens before a byte is parsed):
 *
 * - CORS for the Temporal UI's origin (the origin of TEMPORAL_UI_URL) with credentials, so the UI's
 *   `fetch(…, { credentials: 'include' })` may read the answer; a preflight from that origin gets
 *   204, from any other 403 and no CORS headers. Errors (401, 403, 400) carry the CORS headers too,
 *   so the UI can tell "not signed in" from "unreachable".
 * - the codec session cookie as the bearer token when the request has no Authorization header
 *   (the global auth guard then checks it like any token).
 * - a body limit (CODEC_MAX_BODY_BYTES) on the declared length: 413 beyond it.
 */
export function mountCodecHttp(app: INestApplication, config: GatewayConfig): void {
  const allowedOrigin = new URL(config.TEMPORAL_UI_URL).origin;
  const maxBytes = config.CODEC_MAX_BODY_BYTES;
  app.use(CODEC_PATH, (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      if (origin === allowedOrigin) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
      }
      res.append('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      if (origin !== allowedOrigin) {
        res.status(403).json({ statusCode: 403, error: 'Forbidden', message: `来源 ${origin ?? '（无）'} 不允许调用解码接口` });
        return;
      }
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(length) && length > maxBytes) {
      res.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: `请求体超过 ${maxBytes} 字节的上限` });
      return;
    }
    if (!req.headers.authorization) {
      const token = codecSessionToken(req.headers.cookie);
      if (token) req.headers.authorization = `Bearer ${token}`;
    }
    next();
  });
}
