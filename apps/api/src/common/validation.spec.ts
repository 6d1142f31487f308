import 'reflect-metadata';
import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { chineseReason } from '@eco/domain';
import { CreateUserDto } from '../users/dto/create-user.dto';
import { PreferencesDto, ReminderQueryDto } from '../notifications/notifications.dto';
import { UserQueryDto } from '../users/dto/user.dto';
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
  it('limit=0 in a query: 「limit 不能小于 1」, the English kept in the brackets', async () => {
    expect(await reasons(UserQueryDto, { limit: '0' }, 'query')).toEqual(['limit 不能小于 1 (limit must not be less than 1)']);
    expect(await read(UserQueryDto, { limit: '501' }, 'query')).toEqual(['limit 不能大于 500']);
    expect(await read(UserQueryDto, { limit: 'x' }, 'query')).toEqual(expect.arrayContaining(['limit 须为整数']));
  });

  it('an e-mail address, an enum, an unknown field', async () => {
    expect(await read(PreferencesDto, { channels: ['inapp'], email: 'nope' })).toEqual(['email 须为有效的电子邮箱地址']);
    expect(await read(UserQueryDto, { role: 'boss' }, 'query')).toEqual([expect.stringMatching(/^role 取值无效，可选：admin、/)]);
    expect(await read(UserQueryDto, { colour: 'red' }, 'query')).toEqual(['不允许的字段：colour']);
    expect(await reasons(UserQueryDto, { colour: 'red' }, 'query')).toEqual(['不允许的字段：colour (property colour should not exist)']);
  });

  it('a rule’s own Chinese message is kept as it is (password, a date)', async () => {
    const r = await reasons(CreateUserDto, { username: 'wang.li', name: '王力', password: 'short', roles: ['unit'] });
    expect(r).toContain('password must be at least 8 characters / 密码至少 8 位');
    expect(await read(ReminderQueryDto, { from: '2024-W01' }, 'query')).toEqual(expect.arrayContaining([expect.stringMatching(/日期格式无法识别$/)]));
  });

  it('an absent field: one 「缺少必填字段」 (not every rule it fails); a conditional rule’s own words kept', async () => {
    expect(await read(CreateUserDto, { name: '王力', password: 'long enough 1', roles: ['office'] })).toEqual(['缺少必填字段：username']);
    expect(await read(CreateUserDto, { username: 'wang.li', name: '王力', password: 'long enough 1', roles: ['unit'] })).toEqual(['单位用户须填写 unitId']);
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
