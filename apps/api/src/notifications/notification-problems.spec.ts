import { mapProblem } from './notifications.service';

describe('无人接收的提醒: a stored row mapped to the API answer', () => {
  it('names every field as the OpenAPI document does (camelCase, the instant as ISO text, nulls kept)', () => {
    const at = new Date('2026-12-06T01:02:03.000Z');
    expect(mapProblem({ id: '7', task_id: 'materials:sx-gxj', unit_id: 'sx-gxj', level: 'before', recipient_key: 'unit:sx-gxj#liaison', reason: '单位未设联络员', code: 'no-liaison', created_at: at })).toEqual({
      id: '7', taskId: 'materials:sx-gxj', unitId: 'sx-gxj', level: 'before', recipientKey: 'unit:sx-gxj#liaison', reason: '单位未设联络员', code: 'no-liaison', createdAt: '2026-12-06T01:02:03.000Z',
    });
    expect(mapProblem({ id: '8', task_id: null, unit_id: null, level: 'notice', recipient_key: 'role:leader', reason: '无人', code: 'no-role-user', created_at: at })).toMatchObject({ taskId: null, unitId: null, code: 'no-role-user' });
  });
});
