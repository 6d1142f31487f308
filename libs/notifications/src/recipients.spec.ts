import { ListDirectory, resolveRecipients } from './recipients';

const p = (id: string, roles: string[], unitId: string | null = null, active = true) => ({ id, name: `姓名${id}`, roles, unitId, active, email: `${id}@x.cn`, mobile: null });
const dir = new ListDirectory({
  people: [p('liao', ['unit'], 'sx-gxj'), p('liao2', ['unit'], 'sx-gxj'), p('old', ['unit'], 'sx-gxj', false), p('fz', ['unit'], 'sx-gxj'), p('zz', ['leader']), p('fzz', ['leader']), p('zr', ['office']), p('ky', ['office'])],
  units: [
    { unitId: 'sx-gxj', name: '县工信局', liaisons: ['liao', 'liao2', 'old'], responsibleLeaders: ['fz'] },
    { unitId: 'sx-tjj', name: '县统计局', liaisons: [], responsibleLeaders: [] },
  ],
  groupLeaders: ['zz'],
  officeDirectors: ['zr'],
});
const ids = (r: ReturnType<typeof resolveRecipients>) => r.people.map((x) => x.person.id);

describe('reminder recipients resolve to named active people', () => {
  it('blue/yellow/red go to the unit liaisons (inactive ones left out)', () => {
    expect(ids(resolveRecipients({ level: 'red', recipients: ['unit:sx-gxj'] }, dir))).toEqual(['liao', 'liao2']);
  });
  it('the first escalation goes to the unit 分管负责人', () => {
    expect(ids(resolveRecipients({ level: 'escalation', n: 1, recipients: ['unit-leader:sx-gxj'] }, dir))).toEqual(['fz']);
  });
  it('the second escalation goes to the group leader and the office director only', () => {
    expect(ids(resolveRecipients({ level: 'escalation', n: 2, recipients: ['role:leader', 'role:office'] }, dir))).toEqual(['zz', 'zr']);
  });
  it('other role reminders go to every active user of the role', () => {
    expect(ids(resolveRecipients({ level: 'red', recipients: ['role:office'] }, dir))).toEqual(['zr', 'ky']);
  });
  it('a unit without a liaison or leader is reported, never dropped', () => {
    const r = resolveRecipients({ level: 'escalation', n: 1, recipients: ['unit-leader:sx-tjj', 'unit:sx-tjj', 'bogus'] }, dir);
    expect(r.people).toEqual([]);
    expect(r.unresolved.map((u) => u.key)).toEqual(['unit-leader:sx-tjj', 'unit:sx-tjj', 'bogus']);
    expect(r.unresolved[0].reason).toContain('县统计局');
    expect(r.unresolved[0].reason).toContain('分管负责人');
    // and why, as a code (what the office is advised to do follows it, not the words)
    expect(r.unresolved.map((u) => u.code)).toEqual(['no-responsible-leader', 'no-liaison', 'unknown-recipient']);
  });
  it('a named user who is inactive is reported', () => {
    expect(resolveRecipients({ level: 'red', recipients: ['user:old'] }, dir).unresolved[0].reason).toContain('停用');
    expect(resolveRecipients({ level: 'red', recipients: ['user:old', 'user:ghost', 'role:expert'] }, dir).unresolved.map((u) => u.code)).toEqual(['user-inactive', 'user-not-found', 'no-role-user']);
  });
});
