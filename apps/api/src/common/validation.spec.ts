import 'reflect-metadata';
import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { chineseReason } from '@eco/domain';
import { CreateUserDto, ResetPasswordDto, UnitDutiesDto } from '../users/dto/create-user.dto';
import { ChangePasswordDto, LoginDto } from '../auth/dto/login.dto';
import { PreferencesDto, ReminderQueryDto } from '../notifications/notifications.dto';
import { UserQueryDto } from '../users/dto/user.dto';
import { AuditQueryDto, CandidatesQueryDto, TaskQueryDto } from '../campaigns/dto/task-action.dto';
import { validationPipe } from './validation';

/** The 400's `message` the global pipe answers for `value` against `metatype`. */
async function reasons(metatype: ArgumentMetadata['metatype'], value: unknown, type: ArgumentMetadata['type'] = 'body'): Promise<string[]> {
  try {
    await validationPipe().transform(value, { type, metatype });
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    const body = (e as BadRequestException).getResponse() as { statusCode: number; message: string[]; error: string };
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' }); // the shape the API always answered
    expect(Array.isArray(body.message)).toBe(true);
    return body.message;
  }
  throw new Error('expected a 400');
}
const read = async (...a: Parameters<typeof reasons>) => (await reasons(...a)).map(chineseReason);

describe('DTO validation answers in Chinese, the field named (global ValidationPipe)', () => {
  it('limit=0 in a query: 「每页条数不能小于1」, the field by its Chinese name, the English kept in the brackets', async () => {
    expect(await reasons(UserQueryDto, { limit: '0' }, 'query')).toEqual(['每页条数不能小于1 (limit must not be less than 1)']);
    expect(await read(UserQueryDto, { limit: '501' }, 'query')).toEqual(['每页条数不能大于500']);
  });

  it('one reason per field: a value that is no number is 「须为整数」, not also each bound it fails (audit afterSeq=abc)', async () => {
    expect(await read(UserQueryDto, { limit: 'x' }, 'query')).toEqual(['每页条数须为整数']);
    expect(await read(AuditQueryDto, { afterSeq: 'abc' }, 'query')).toEqual(['起始序号须为整数']);
    expect(await read(AuditQueryDto, { afterSeq: '-1', limit: 'x' }, 'query')).toEqual(['每页条数须为整数', '起始序号不能小于0']);
  });

  it('an unknown coded value is refused with the choices in Chinese (audit action=foo, task kind, order)', async () => {
    const [action] = await read(AuditQueryDto, { action: 'foo' }, 'query');
    expect(action).toMatch(/^操作取值无效，可选：.*审批通过、退回/);
    expect(action).toContain('调整期限');
    expect(action).not.toMatch(/moveDeadlines|approve/);
    expect(await read(AuditQueryDto, { order: 'up' }, 'query')).toEqual(['排序取值无效，可选：由早到晚、最新在前']);
    expect((await read(TaskQueryDto, { kind: 'foo' }, 'query'))[0]).toMatch(/^任务类型取值无效，可选：/);
    await expect(validationPipe().transform({ action: 'moveDeadlines' }, { type: 'query', metatype: AuditQueryDto })).resolves.toBeDefined();
  });

  it('an e-mail address, an enum, an unknown field', async () => {
    expect(await read(PreferencesDto, { channels: ['inapp'], email: 'nope' })).toEqual(['电子邮箱格式不正确']);
    // a key read in its DTO's meaning: 候选人 `from` is the place handed over, the audit's `from` a start
    expect(await read(CandidatesQueryDto, { purpose: 'transfer', from: 'x'.repeat(201) }, 'query')).toEqual(['原审批位最长200个字符']);
    expect(await read(UserQueryDto, { role: 'boss' }, 'query')).toEqual(['角色取值无效，可选：系统管理员、领导小组办公室、领导小组领导、责任单位、专家、核查组']);
    expect(await read(UserQueryDto, { colour: 'red' }, 'query')).toEqual(['不允许的字段：colour']);
    expect(await reasons(UserQueryDto, { colour: 'red' }, 'query')).toEqual(['不允许的字段：colour (property colour should not exist)']);
  });

  it('a rule’s own Chinese message is kept as it is (password, a date)', async () => {
    const r = await reasons(CreateUserDto, { username: 'wang.li', name: '王力', password: 'short', roles: ['unit'] });
    expect(r).toContain('密码至少 8 位 (password must be at least 8 characters)');
    expect(await read(ReminderQueryDto, { from: '2024-W01' }, 'query')).toEqual(expect.arrayContaining([expect.stringMatching(/^起始时间无法识别，应为日期或日期时间/)]));
  });

  it('an absent field: one 「缺少必填项」 (not every rule it fails); a conditional rule’s own words kept', async () => {
    expect(await read(CreateUserDto, { name: '王力', password: 'long enough 1', roles: ['office'] })).toEqual(['缺少必填项：用户名']);
    expect(await read(CreateUserDto, { username: 'wang.li', name: '王力', password: 'long enough 1', roles: ['unit'] })).toEqual(['单位用户须选择所属单位']);
  });

  it('the accounts\' DTOs (用户与单位, 登录, 修改密码) answer Chinese first, 「中文 (english)」, naming no field by its API name', async () => {
    const all = [
      ...(await reasons(CreateUserDto, { username: 'Bad Name!', password: 'short', name: '', roles: ['root'], unitId: 'Bad Unit', organizationId: 'Yan_Zhou', email: 'nope', phone: 'abc' })),
      ...(await reasons(CreateUserDto, { username: 'wang.li', name: '王力', password: 'long enough 1', roles: ['unit'], organizationId: `y${'a'.repeat(64)}` })),
      ...(await reasons(ResetPasswordDto, { password: '' })),
      ...(await reasons(UnitDutiesDto, { liaisons: 'x', responsibleLeaders: [1] })),
      ...(await reasons(LoginDto, { username: 3 })),
      ...(await reasons(ChangePasswordDto, { currentPassword: '', newPassword: 'x'.repeat(1001) })),
    ];
    expect(all.length).toBeGreaterThan(12);
    for (const r of all) {
      expect(r).toMatch(/^[\u4e00-\u9fff]/);
      expect(chineseReason(r)).not.toMatch(/[a-zA-Z]{2,}/);
    }
    expect(all).toEqual(expect.arrayContaining([
      '单位用户须选择所属单位 (unitId is required for role unit)',
      '用户名须为 2–64 位小写字母、数字或 . _ -，以字母或数字开头 (username must be 2–64 lower-case letters, digits, ".", "_" or "-")',
      expect.stringMatching(/^所属组织格式不正确，应为组织编号/),
      expect.stringMatching(/^所属组织最长64个字符 \(/),
      expect.stringMatching(/^电子邮箱格式不正确 \(/),
      expect.stringMatching(/^电话号码格式不正确/),
      expect.stringMatching(/^联络员须为数组 \(/),
      expect.stringMatching(/^新密码最长1000个字符 \(/),
    ]));
  });

  it('every reason reads in Chinese', async () => {
    const all = [
      ...(await read(UserQueryDto, { limit: '-1', offset: 'x', role: 1, active: 'yes', q: 'x'.repeat(101) }, 'query')),
      ...(await read(PreferencesDto, { channels: 'inapp', mobile: 'abc', email: 3 })),
      ...(await read(CreateUserDto, {})),
    ];
    expect(all.length).toBeGreaterThan(5);
    for (const r of all) expect(r).toMatch(/[\u4e00-\u9fff]/);
  });
});
