import { createServer, type Server } from 'http';
import { connect, type AddressInfo } from 'net';
import { answerClientErrors, clientErrorAnswer } from './client-error';

/** Sends raw bytes to the server and returns everything it answers before closing. */
function raw(server: Server, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(Buffer.from(bytes)));
    let got = '';
    socket.on('data', (d) => (got += d.toString()));
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
  });
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

describe("requests Node's HTTP parser refuses are answered in JSON with a Chinese reason", () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('routed'));
    answerClientErrors(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('raw Chinese in the request line (a hand-written script that did not encode its query) → 400 saying to URL-encode', async () => {
    const answer = await raw(server, 'GET /api/campaigns/c1/tasks?q=专家 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toMatch(/Content-Type: application\/json; charset=utf-8/);
    expect(bodyOf(answer)).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^请求地址不正确：网址中的中文、空格等字符须经 URL 编码/) });
  });

  it('a broken header → 400 请求格式不正确; headers past the limit → 431 请求头过大', async () => {
    expect(bodyOf(await raw(server, 'GET / HTTP/1.1\r\nHo st: x\r\n\r\n'))).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^请求格式不正确 \(malformed HTTP request: HPE_/) });
    const big = await raw(server, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(big)).toMatchObject({ statusCode: 431, message: expect.stringMatching(/^请求头过大/) });
  });

  it('an encoded request still reaches the routes', async () => {
    expect(await raw(server, `GET /api/x?q=${encodeURIComponent('专家')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).toMatch(/routed$/);
  });

  it('a request too slow to arrive → 408', () => {
    expect(clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT')).toMatchObject({ status: 408, message: expect.stringMatching(/^请求超时/) });
  });
});
