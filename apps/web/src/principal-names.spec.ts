import { personNameOf, principalNames, unitNameOf } from './principal-names';

describe('names of people and units, kept apart', () => {
  it('a unit id equal to a username: the unit reads its name, the account its person (walkthrough: 责任单位：徐杰)', () => {
    const names = principalNames([{ people: [['sx-gxj', '徐杰']], units: [['sx-gxj', '县工业和信息化局']] }]);
    expect(unitNameOf(names, 'sx-gxj')).toBe('县工业和信息化局');
    expect(personNameOf(names, 'sx-gxj')).toBe('徐杰');
    expect([...names.keys()].sort()).toEqual(['unit:sx-gxj', 'user:sx-gxj']);
  });

  it('an unknown id reads itself; the first source to name a key keeps it; an empty name is none', () => {
    const names = principalNames([{ people: [['u1', '张三'], ['u2', '']] }, { people: [['u1', '张三丰'], ['u2', '李四']] }]);
    expect(personNameOf(names, 'u1')).toBe('张三');
    expect(personNameOf(names, 'u2')).toBe('李四');
    expect(personNameOf(names, 'u3')).toBe('u3');
    expect(unitNameOf(names, 'u1')).toBe('u1');
  });
});
