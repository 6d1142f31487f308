import { z } from 'zod';
import { COMMAND_LIST, COMMANDS } from '../commands/registry';
import { FIELD_LABEL, fieldName } from './field-names';
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
  it('a missing field: 缺少必填项, named in Chinese (close-phase without phase, transfer without toUserId)', () => {
    expect(bodyReasons('closePhase', { reason: '阶段调整' })).toEqual(['缺少必填项：阶段 (phase: Required)']);
    expect(read('transfer', { reason: '工作调整' })).toEqual(['缺少必填项：转交对象']);
  });

  it('a wrong type names the expected one (evidence.0 a string instead of an object)', () => {
    expect(read('submit', { evidence: ['http://x.cn'] })).toEqual(['第1项佐证链接类型错误：应为对象，实为文本']);
  });

  it('a value of none of the union’s types says which types are taken', () => {
    expect(read('submit', { value: { a: 1 } })).toEqual(['报送数值类型错误：应为文本或数字或布尔值（true 或 false）']);
  });

  it('an enum lists its choices by their Chinese words', () => {
    expect(read('recordExternalResult', { stage: 'final', outcome: 'passed' })).toEqual(['外部审查环节取值无效，可选：预审、公示、现场核查、复核']);
    expect(read('recordExternalResult', { stage: 1, outcome: 'passed' })).toEqual(['外部审查环节取值无效，可选：预审、公示、现场核查、复核']);
    expect(read('closePhase', { phase: 'x', reason: '调整' })).toEqual(['阶段取值无效，可选：动员部署、创建实施、申报迎查、巩固提升、复核']);
    expect(read('addApprover', { userId: 'u', reason: 'r', mode: 'x' })).toEqual(['加签方式取值无效，可选：前加签、后加签、并加签']);
  });

  it('a Chinese value quoted in zod’s English words does not pass them for the schema’s own (an enum given 约束性)', () => {
    const r = z.object({ attribute: z.enum(['binding', 'reference']) }).safeParse({ attribute: '约束性' });
    if (r.success) throw new Error('expected a refusal');
    expect(zodReasons(r.error)).toEqual([`attribute 取值无效，可选：binding、reference (attribute: Invalid enum value. Expected 'binding' | 'reference', received '约束性')`]); // a key without its Chinese name is said as it is
    const own = z.object({ name: z.string().min(1, '名称不能为空') }).safeParse({ name: '' });
    if (own.success) throw new Error('expected a refusal');
    expect(zodReasons(own.error)).toEqual(['名称不能为空']);
  });

  it('a schema’s own English message is said in Chinese (findings when the outcome is issues)', () => {
    expect(read('recordExternalResult', { stage: 'pre-review', outcome: 'issues' })).toEqual(['结果为「发现问题」时须列出问题清单']);
  });

  it('a schema’s own Chinese message is kept as it is, without the field said twice (a blank reason)', () => {
    expect(bodyReasons('return', { reason: '   ' })).toEqual(['原因不能为空白 (reason must not be blank)']);
    expect(read('return', { reason: '   ' })).toEqual(['原因不能为空白']);
    // one reason per field: an empty text is not also 「不能为空白」
    expect(read('pause', { reason: '' })).toEqual(['原因不能为空']);
  });

  it('a Chinese message that does not name its field gets the field in front (an uploaded file id)', () => {
    expect(read('submit', { files: ['nope'] })).toEqual(['第1项附件：须为已上传的文件']);
  });

  it('unknown fields, limits and the whole body', () => {
    expect(read('closePhase', { phase: 'application', reason: 'x', extra: 1 })).toEqual(['不允许的字段：extra']);
    expect(read('submit', { comment: 'x'.repeat(4001) })).toEqual(['意见最长4000个字符']);
    expect(read('closePhase', 'text')).toEqual(['请求内容类型错误：应为对象，实为文本']);
    const n = z.object({ limit: z.number().int().min(1) }).safeParse({ limit: 0 });
    expect(n.success ? [] : zodReasons(n.error).map(chineseReason)).toEqual(['每页条数不能小于1']);
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
    expect(chineseReason(reason)).toBe('指令格式错误：缺少必填项：阶段');
    expect(reason).toContain('invalid command: phase: Required');
  });

  it('no API field name in what people read: an empty task list of 调整期限 (the walkthrough’s 「taskIds 至少须有 1 项」)', () => {
    const r = parseCommand({ type: 'moveDeadlines', taskIds: [], dueAt: 1, reason: '顺延' });
    const reason = 'error' in r ? r.error.reason : '';
    expect(chineseReason(reason)).toBe('指令格式错误：须至少选择1项任务');
    // 转交's `from` is the place handed over
    const t = parseCommand({ type: 'transfer', taskId: 't', toUserId: 'u', reason: '出差', from: 3 });
    expect(chineseReason('error' in t ? t.error.reason : '')).toBe('指令格式错误：原审批位类型错误：应为文本，实为数字');
  });

  it('every field of every command’s body and payload has its Chinese name (field-names.ts)', () => {
    const keys = new Set<string>();
    const walk = (s: z.ZodTypeAny | undefined): void => {
      const d = (s as { _def?: Record<string, unknown> } | undefined)?._def;
      if (!d) return;
      if (s instanceof z.ZodObject) {
        for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodTypeAny>)) {
          keys.add(k);
          walk(v);
        }
      }
      for (const k of ['innerType', 'schema', 'type', 'left', 'right']) walk(d[k] as z.ZodTypeAny | undefined);
      if (Array.isArray(d.options)) for (const o of d.options as z.ZodTypeAny[]) walk(o);
    };
    for (const m of COMMAND_LIST) {
      walk(m.http.body);
      walk(m.schema);
    }
    expect([...keys].filter((k) => !FIELD_LABEL[k])).toEqual([]);
    expect(fieldName('evidence.1.url')).toBe('第2项佐证链接中链接地址');
  });
});
