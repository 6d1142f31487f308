import { z } from 'zod';
import { COMMANDS } from '../commands/registry';
import { parseCommand } from '../engine/command-validation';
import { chineseReason } from './chinese-reason';
import { zodReasons } from './zod-reasons';

/** The reasons of a command route's body, as the API answers them (command-body.ts). */
const bodyReasons = (type: keyof typeof COMMANDS, body: unknown): string[] => {
  const r = COMMANDS[type].http.body.safeParse(body);
  if (r.success) throw new Error('expected a refusal');
  return zodReasons(r.error);
};
/** What people read of them (the screens keep the Chinese part). */
const read = (type: keyof typeof COMMANDS, body: unknown) => bodyReasons(type, body).map(chineseReason);

describe('zod problems in Chinese, the field named (the walkthrough’s English 400s)', () => {
  it('a missing field: 缺少必填字段 (close-phase without phase, transfer without toUserId)', () => {
    expect(bodyReasons('closePhase', { reason: '阶段调整' })).toEqual(['缺少必填字段：phase (phase: Required)']);
    expect(read('transfer', { reason: '工作调整' })).toEqual(['缺少必填字段：toUserId']);
  });

  it('a wrong type names the expected one (evidence.0 a string instead of an object)', () => {
    expect(read('submit', { evidence: ['http://x.cn'] })).toEqual(['evidence.0 类型错误：应为对象，实为文本']);
  });

  it('a value of none of the union’s types says which types are taken', () => {
    expect(read('submit', { value: { a: 1 } })).toEqual(['value 类型错误：应为文本或数字或布尔值（true 或 false）']);
  });

  it('an enum lists its choices', () => {
    const r = read('recordExternalResult', { stage: 'final', outcome: 'passed' });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(/^stage 取值无效，可选：pre-review、/);
    expect(read('recordExternalResult', { stage: 1, outcome: 'passed' })).toEqual(['stage 取值无效，可选：pre-review、public-notice、inspection、review']);
  });

  it('a Chinese value quoted in zod’s English words does not pass them for the schema’s own (an enum given 约束性)', () => {
    const r = z.object({ attribute: z.enum(['binding', 'reference']) }).safeParse({ attribute: '约束性' });
    if (r.success) throw new Error('expected a refusal');
    expect(zodReasons(r.error)).toEqual([`attribute 取值无效，可选：binding、reference (attribute: Invalid enum value. Expected 'binding' | 'reference', received '约束性')`]);
    const own = z.object({ name: z.string().min(1, '名称不能为空') }).safeParse({ name: '' });
    if (own.success) throw new Error('expected a refusal');
    expect(zodReasons(own.error)).toEqual(['name：名称不能为空']);
  });

  it('a schema’s own English message is said in Chinese (findings when the outcome is issues)', () => {
    expect(read('recordExternalResult', { stage: 'pre-review', outcome: 'issues' })).toEqual(['findings 须为数组：结果为「存在问题」时须列出问题清单']);
  });

  it('a schema’s own Chinese message is kept as it is, without the field said twice (a blank reason)', () => {
    expect(bodyReasons('return', { reason: '   ' })).toEqual(['reason 不能为空白 (reason must not be blank)']);
    expect(read('return', { reason: '   ' })).toEqual(['reason 不能为空白']);
  });

  it('a Chinese message that does not name its field gets the field in front (an uploaded file id)', () => {
    expect(read('submit', { files: ['nope'] })).toEqual(['files.0：须为已上传文件的 UUID 编号']);
  });

  it('unknown fields, limits and the whole body', () => {
    expect(read('closePhase', { phase: 'application', reason: 'x', extra: 1 })).toEqual(['不允许的字段：extra']);
    expect(read('submit', { comment: 'x'.repeat(4001) })).toEqual(['comment 最长 4000 个字符']);
    expect(read('closePhase', 'text')).toEqual(['请求内容 类型错误：应为对象，实为文本']);
    const n = z.object({ limit: z.number().int().min(1) }).safeParse({ limit: 0 });
    expect(n.success ? [] : zodReasons(n.error).map(chineseReason)).toEqual(['limit 不能小于 1']);
  });

  it('every reason has Chinese in its readable part', () => {
    const bodies: [keyof typeof COMMANDS, unknown][] = [
      ['closePhase', {}],
      ['transfer', { toUserId: 3, reason: null }],
      ['submit', { evidence: [{ name: '', url: 'ftp://x' }], value: [], files: 'x' }],
      ['recordExternalResult', { stage: 1, outcome: 'maybe', findings: [{}], dueAt: '2027-02-30', files: ['a'] }],
      ['moveDeadlines', { shiftBy: '7 days' }],
    ];
    for (const [type, body] of bodies) for (const r of read(type, body)) expect(r).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the engine’s parseCommand (the workflow validator) words a bad payload the same way', () => {
    const r = parseCommand({ type: 'closePhase', reason: '调整' });
    expect('error' in r && r.error).toMatchObject({ code: 'invalid' });
    const reason = 'error' in r ? r.error.reason : '';
    expect(chineseReason(reason)).toBe('指令格式错误：缺少必填字段：phase');
    expect(reason).toContain('invalid command: phase: Required');
  });
});
