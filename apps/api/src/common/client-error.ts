import type { Server } from 'http';
import type { Duplex } from 'stream';

/**
 * What Node's HTTP parser refuses before any route runs (a request line with raw, unencoded Chinese, a broken header,
 * headers too large, a request too slow) is answered like every other refusal: JSON with a Chinese reason — Node's own
 * answer is an empty 400, which a client shows as nothing at all.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // the connection went away (or a response is already on its way): nothing to answer
    if (err.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const { status, text, message } = clientErrorAnswer(err.code);
    const body = JSON.stringify({ statusCode: status, message, error: text });
    socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** The status and Chinese reason for an error of Node's HTTP parser (`HPE_*`) or server (`ERR_HTTP_*`). */
export function clientErrorAnswer(code: string | undefined): { status: number; text: string; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, text: 'Request Header Fields Too Large', message: '请求头过大 (request header fields too large)' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, text: 'Request Timeout', message: '请求超时，请重试 (request timeout)' };
  if (code === 'HPE_INVALID_URL' || code === 'HPE_INVALID_PATH')
    return { status: 400, text: 'Bad Request', message: '请求地址不正确：网址中的中文、空格等字符须经 URL 编码 (invalid characters in the request URL)' };
  return { status: 400, text: 'Bad Request', message: `请求格式不正确 (malformed HTTP request${code ? `: ${code}` : ''})` };
}
