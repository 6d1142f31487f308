import { chineseFirst } from './http-error.filter';

describe('client errors in Chinese first (the framework’s English words after them)', () => {
  it('keeps our own messages, which carry Chinese', () => {
    expect(chineseFirst(400, '缺少必填字段：phase (phase: Required)')).toBe('缺少必填字段：phase (phase: Required)');
    expect(chineseFirst(409, '活动已结束，不能再操作 (the campaign has finished)')).toBe('活动已结束，不能再操作 (the campaign has finished)');
  });

  it('a malformed JSON body: said so, without quoting the body back (NUL and all)', () => {
    expect(chineseFirst(400, 'Unexpected token \'\u0000\', "\u0000" is not valid JSON')).toBe('请求内容不是有效的 JSON (malformed JSON body)');
    expect(chineseFirst(400, "Expected property name or '}' in JSON at position 1")).toBe('请求内容不是有效的 JSON (malformed JSON body)');
  });

  it('Nest’s unknown route, multer’s and busboy’s upload errors, by status otherwise', () => {
    expect(chineseFirst(404, 'Cannot GET /api/nothing')).toBe('接口或资源不存在 (Cannot GET /api/nothing)');
    expect(chineseFirst(400, 'Multipart: Malformed part header')).toBe('上传内容格式不正确 (Multipart: Malformed part header)');
    expect(chineseFirst(413, 'File too large')).toBe('上传的文件过大 (File too large)');
    expect(chineseFirst(400, 'Unexpected field - upload')).toBe('上传的表单字段不正确 (Unexpected field - upload)');
    expect(chineseFirst(401, 'Unauthorized')).toBe('未登录或登录已失效，请重新登录 (Unauthorized)');
    expect(chineseFirst(418, "I'm a teapot")).toBe("请求无法完成 (I'm a teapot)");
  });

  it('the English part carries no control characters nor brackets of its own, and is bounded', () => {
    expect(chineseFirst(400, 'bad\u0001value (x)')).toBe('请求无效 (bad value x)');
    expect(chineseFirst(400, 'x'.repeat(1000))).toHaveLength('请求无效 ()'.length + 300);
  });
});
