import { reminderLogAccess } from './reminder-log-access';

const person = (roles: string[], unitId: string | null = null) => ({ id: 'p1', name: '某人', roles, unitId });

describe('who reads a campaign’s 提醒与催办记录 (the access policy GET …/reminders asks)', () => {
  it('the office, leaders, inspectors and administrators: the whole log', () => {
    for (const role of ['office', 'leader', 'inspector', 'admin']) expect(reminderLogAccess(person([role]))).toBe('whole');
  });

  it('a unit’s liaison: what was sent to their unit', () => {
    expect(reminderLogAccess(person(['unit'], 'sx-tjj'))).toBe('unit');
  });

  it('an expert (expert1, no unit) reads none of it — the API answers 403 — and nobody signed in neither', () => {
    expect(reminderLogAccess(person(['expert']))).toBeNull();
    expect(reminderLogAccess(person(['unit']))).toBeNull(); // a unit role without a unit: 403 too
    expect(reminderLogAccess(null)).toBeNull();
  });
});
