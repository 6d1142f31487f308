import { chineseReason } from './chinese-reason';
import { jsonProblem, sanitizeDeep, sanitizeText, textProblem } from './safe-text';

describe('text hygiene', () => {
  it('accepts ordinary Chinese text, emoji (paired surrogates) and control characters other than NUL', () => {
    expect(textProblem('已按要求完成，附支撑材料 ✅ 😀\n\t')).toBeNull();
  });

  it('refuses NUL and unpaired surrogates (high or low, anywhere)', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('x\ud800y')).toMatch(/surrogate/);
    expect(textProblem('x\udc00')).toMatch(/surrogate/);
    expect(textProblem('\ud800')).toMatch(/surrogate/);
  });

  it('sanitises to U+FFFD and leaves paired surrogates alone', () => {
    expect(sanitizeText('a\u0000b\ud800c😀')).toBe('a\uFFFDb\uFFFDc😀');
    expect(sanitizeDeep({ 'k\u0000': ['x\udc00', 1, null, { y: 'ok' }] })).toEqual({ 'k\uFFFD': ['x\uFFFD', 1, null, { y: 'ok' }] });
  });

  it('bounds nesting depth without recursion (a 5,000-deep value is refused, not a stack overflow)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(jsonProblem(deep)).toMatch(/^请求内容嵌套过深，最多32层 \(body(\[0\]){32}: nested deeper than 32 levels\)$/);
    expect(jsonProblem({ a: { b: [1, 2, { c: 'd' }] } })).toBeNull();
  });

  it('bounds string length, naming the field in Chinese first and its path for developers in the brackets', () => {
    expect(jsonProblem({ comment: 'x'.repeat(100_001) })).toBe('意见过长，最多100000个字符，当前100001个 (body.comment: string longer than 100000 characters)');
    expect(jsonProblem({ taskIds: ['ok', 'a\u0000'] })).toBe('第2项任务含有无法识别的空字符（NUL），请删除后重试 (body.taskIds[1]: contains a NUL character)');
    expect(jsonProblem({ unitId: 'x\ud800' }, undefined, 'query')).toBe('单位含有无法识别的字符（不成对的 Unicode 代理字符），请删除后重试 (query.unitId: contains an unpaired UTF-16 surrogate)');
  });

  // walkthrough: a liaison on a phone read 「操作未成功 body.comment: 含有空字符 NUL」 for a NUL in the 报送说明 (and in a 催办留言)
  it('names a comment as the command it is sent to calls it: 报送说明, 催办留言; people read the Chinese part alone', () => {
    const submit = jsonProblem({ comment: 'a\u0000b' }, undefined, 'body', 'submit')!;
    expect(submit).toBe('报送说明含有无法识别的空字符（NUL），请删除后重试 (body.comment: contains a NUL character)');
    expect(chineseReason(submit)).toBe('报送说明含有无法识别的空字符（NUL），请删除后重试');
    expect(chineseReason(jsonProblem({ comment: '请尽快\u0000' }, undefined, 'body', 'urge')!)).toBe('催办留言含有无法识别的空字符（NUL），请删除后重试');
    expect(chineseReason(jsonProblem({ comment: '同意\u0000' }, undefined, 'body', 'approve')!)).toBe('审批意见含有无法识别的空字符（NUL），请删除后重试');
    expect(chineseReason(jsonProblem({ reason: '\udc00' }, undefined, 'body', 'pause')!)).toBe('原因含有无法识别的字符（不成对的 Unicode 代理字符），请删除后重试');
  });

  it('an invalid key is said of the object that has it (a key with parentheses does not break the reason\'s form)', () => {
    const key = jsonProblem({ evidence: [{ 'na\u0000me': 'x' }] })!;
    expect(key).toBe('第1项佐证链接中有无效的字段名：字段名含有无法识别的空字符（NUL），请删除后重试 (body.evidence[0]: invalid key: contains a NUL character)');
    expect(jsonProblem({ ['k'.repeat(201)]: 1 })).toBe('请求内容中有无效的字段名：字段名过长，最多200个字符 (body: invalid key: longer than 200 characters)');
    expect(chineseReason(jsonProblem({ 'a(b)': 'x\u0000' })!)).toBe('a(b)含有无法识别的空字符（NUL），请删除后重试');
  });
});

describe('engine command schemas refuse unsafe text', () => {
  it('a submit comment or a pause reason with NUL / a lone surrogate is invalid', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CommandSchema } = require('../engine/command.schema') as typeof import('../engine/command.schema');
    expect(CommandSchema.safeParse({ type: 'submit', taskId: 't1', comment: 'a\u0000b' }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: 'pause', reason: 'x\ud800y' }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: 'pause', reason: '疫情防控 😷' }).success).toBe(true);
  });
});
