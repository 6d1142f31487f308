import { problemAdvice, problemsHead } from './notification-problem-advice';

describe('无人接收的提醒: the advice follows why (the API’s code), not the words', () => {
  it('a deactivated signer: 转交 the step to someone in post, or enable the account again — not 指定联络员', () => {
    const a = problemAdvice('user-inactive');
    expect(a).toContain('转交');
    expect(a).toContain('重新启用');
    expect(a).not.toContain('联络员');
    expect(a).not.toContain('邮箱');
    expect(problemsHead([{ code: 'user-inactive' }])).toBe('1 条提醒未能送达指定人员。接收人账号已停用：如其有待签批的环节，请在任务页转交给在岗人员，或在「用户与单位」中重新启用该账号。');
  });

  it('a unit without a liaison, a person without an e-mail address: each its own advice, once each in the head', () => {
    expect(problemAdvice('no-liaison')).toBe('请在「用户与单位」中为该单位指定在岗联络员');
    expect(problemAdvice('no-responsible-leader')).toContain('分管负责人');
    expect(problemAdvice('no-email')).toContain('「提醒设置」中填写邮箱');
    expect(problemsHead([{ code: 'no-liaison' }, { code: 'no-email' }, { code: 'no-liaison' }])).toBe(
      '3 条提醒未能送达指定人员。请在「用户与单位」中为该单位指定在岗联络员。请本人在「提醒设置」中填写邮箱（站内提醒照常）。',
    );
  });

  it('the words of the reason do not choose the advice; an answer without a code keeps the card’s former advice', () => {
    expect(problemAdvice(undefined)).toBe('请在「用户与单位」中指定在岗联络员，或请本人在「提醒设置」中填写邮箱');
    expect(problemAdvice('something-new')).toBe(problemAdvice(undefined));
  });
});
