import { commandOfPath, hygieneProblem } from './input-hygiene.middleware';

describe('input hygiene: the reason names the field as the screen does, the path in the brackets', () => {
  it('finds the command a path is the route of', () => {
    expect(commandOfPath('/api/campaigns/c1/tasks/materials:sx-gxj/submit')).toBe('submit');
    expect(commandOfPath('/api/campaigns/c1/tasks/t1/urge')).toBe('urge');
    expect(commandOfPath('/api/campaigns/c1/pause')).toBe('pause');
    expect(commandOfPath('/api/campaigns/c1/tasks/t1')).toBeUndefined();
    expect(commandOfPath('/api/me/preferences')).toBeUndefined();
  });

  it('a NUL in the 报送说明 or the 催办留言 (walkthrough: 「body.comment: 含有空字符 NUL」)', () => {
    expect(hygieneProblem({ path: '/api/campaigns/c1/tasks/t1/submit', query: {}, body: { comment: 'a\u0000b' } })).toBe('报送说明含有无法识别的空字符（NUL），请删除后重试 (body.comment: contains a NUL character)');
    expect(hygieneProblem({ path: '/api/campaigns/c1/tasks/t1/urge', query: {}, body: { comment: 'a\u0000b' } })).toBe('催办留言含有无法识别的空字符（NUL），请删除后重试 (body.comment: contains a NUL character)');
    expect(hygieneProblem({ path: '/api/campaigns/c1/tasks', query: { unitId: 'a\u0000' }, body: undefined })).toBe('单位含有无法识别的空字符（NUL），请删除后重试 (query.unitId: contains a NUL character)');
    expect(hygieneProblem({ path: '/api/campaigns/a%00b', query: {}, body: undefined })).toBe('网址路径含有无法识别的空字符（NUL），请删除后重试 (path: contains a NUL character)');
    expect(hygieneProblem({ path: '/api/campaigns/a%E0(', query: {}, body: undefined })).toBe('网址路径编码无效 (path: malformed percent-encoding in "a%E0")');
  });
});
