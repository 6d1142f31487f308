import { ApiError } from '../api/client';
import { loginErrorText } from './login-error';

describe('loginErrorText: the sign-in screen tells refusals apart by code', () => {
  it('asks to type the name and password again for bad-credentials, whatever the words', () => {
    expect(loginErrorText(new ApiError(401, '用户名或密码错误', ['用户名或密码错误'], 'bad-credentials'))).toBe('用户名或密码错误，请重新输入');
  });

  it("says a stopped or locked account in the server's words, even when they are not Chinese", () => {
    expect(loginErrorText(new ApiError(401, '账号已停用，请联系领导小组办公室', ['账号已停用，请联系领导小组办公室'], 'disabled'))).toBe('账号已停用，请联系领导小组办公室');
    // a reason without Chinese is not taken for a wrong password (the words decided that before)
    expect(loginErrorText(new ApiError(401, '登录已过期，请重新登录：account deactivated', ['account deactivated'], 'disabled'))).toBe('登录已过期，请重新登录：account deactivated');
    expect(loginErrorText(new ApiError(429, '登录失败次数过多，请 5 分钟后再试', [], 'locked'))).toBe('登录失败次数过多，请 5 分钟后再试');
  });

  it('a 401 without a code (not the API speaking) is not called a wrong password', () => {
    expect(loginErrorText(new ApiError(401, '登录已过期，请重新登录'))).toBe('登录已过期，请重新登录');
    expect(loginErrorText(new ApiError(0, '无法连接服务器，请检查网络后重试'))).toBe('无法连接服务器，请检查网络后重试');
  });
});
