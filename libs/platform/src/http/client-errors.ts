import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** What Node's HTTP parser refuses before any route sees the request, in the users' language. */
const PARSER_REFUSALS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', '请求头或网址过长'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', '请求超时'],
};
const MALFORMED: [number, string, string] = [400, 'Bad Request', '请求格式不正确'];

/**
 * Node answers a request its parser refuses (an over-long URL or header: 431; a malformed request:
 * 400) itself, with an empty body. This answers it as every other refusal: JSON with a Chinese
 * message. A socket that is already gone is just closed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, phrase, message] = PARSER_REFUSALS[err.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ statusCode: status, error: phrase, message });
    socket.end(`HTTP/1.1 ${status} ${phrase}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
}
