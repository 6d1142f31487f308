import { passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts a long enough password unrelated to the username', () => {
    expect(passwordProblems('绿水青山2027!', 'sx-tjj')).toEqual([]);
    expect(passwordProblems('correct-horse', 'office')).toEqual([]);
  });
  it.each([
    ['too short', 'abc12', 'office', /至少 8 位/],
    ['the username itself', 'sx-tjj-2027', 'sx-tjj', /用户名/],
    ['the username in other case', 'OFFICE12345', 'office', /用户名/],
    ['the username reversed', 'eciffo', 'office', /至少 8 位/],
    ['one repeated character', 'aaaaaaaaaa', 'office', /过于简单/],
    ['too long', 'x1'.repeat(101), 'office', /最多 200 位/],
  ])('refuses %s', (_what, pw, user, reason) => {
    expect(passwordProblems(pw, user).join(' ')).toMatch(reason);
  });
});
