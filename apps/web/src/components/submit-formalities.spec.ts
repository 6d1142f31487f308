import type { RequiredFormalities, Task } from '../api/types';
import { formalitiesOf, lastFormalities, needs, outcomeLabels } from './submit-formalities';

const statement: RequiredFormalities = {
  seal: false,
  principalSignature: true,
  outcomes: [
    { key: 'none', label: '无重点工程项目提报', seal: true, principalSignature: false, projects: false },
    { key: 'projects', label: '提报重点工程项目', seal: true, principalSignature: false, projects: true },
  ],
  source: null,
};

describe('the 报送 form’s 办理要求', () => {
  it('the chosen outcome adds its own requirements to the kind’s', () => {
    expect(needs(statement, undefined)).toMatchObject({ seal: false, signature: true, projects: false });
    expect(needs(statement, 'projects')).toMatchObject({ seal: true, signature: true, projects: true, chosen: { key: 'projects' } });
  });

  it('sends exactly what the rule and the outcome call for: trimmed names, projects without a name left out', () => {
    const sent = formalitiesOf(statement, {
      outcome: 'projects',
      seal: true,
      principalSignature: '  王局长 ',
      projects: [{ name: ' 泗河治理 ', scale: '12 公里', content: '' }, { name: '  ' }],
    });
    expect(sent).toEqual({ outcome: 'projects', seal: true, principalSignature: '王局长', projects: [{ name: '泗河治理', scale: '12 公里' }] });
  });

  it('a seal ticked where none is asked for is still said; a blank signature is not sent', () => {
    const plain: RequiredFormalities = { seal: false, principalSignature: false, outcomes: [], source: null };
    expect(formalitiesOf(plain, { outcome: 'x', seal: true, principalSignature: '王局长' })).toEqual({ seal: true });
    expect(formalitiesOf(statement, { outcome: 'none', principalSignature: '  ' })).toEqual({ outcome: 'none', seal: false });
    expect(formalitiesOf(plain)).toEqual({});
  });

  it('outcome labels come from the task’s rule', () => {
    expect(outcomeLabels(statement)).toEqual({ none: '无重点工程项目提报', projects: '提报重点工程项目' });
    expect(outcomeLabels(null)).toEqual({});
  });

  it('a returned task’s form starts from the last round’s formalities (a copy)', () => {
    const projects = [{ name: '泗河治理' }];
    const t = { rounds: [{ submission: { formalities: { outcome: 'none' } } }, { submission: { formalities: { outcome: 'projects', projects } } }] } as unknown as Task;
    const f = lastFormalities(t);
    expect(f).toEqual({ outcome: 'projects', projects: [{ name: '泗河治理' }] });
    expect(f!.projects![0]).not.toBe(projects[0]);
    expect(lastFormalities({ rounds: [] } as unknown as Task)).toBeUndefined();
  });
});
