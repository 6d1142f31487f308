import type { Formalities } from '../template/template.schema';
import { checkFormalities } from './formalities';

const keyProjects = {
  seal: false,
  principalSignature: false,
  outcomes: [
    { key: 'projects', label: '提报项目', seal: true, principalSignature: false, projects: true },
    { key: 'none', label: '无重点工程项目提报', seal: true, principalSignature: false, projects: false },
  ],
} as unknown as Formalities;

describe('办理要求: a submission missing a formality is refused in the plan\'s words', () => {
  it('names the choices of a missing or unknown outcome by their labels, the keys only in the English note', () => {
    const missing = checkFormalities(keyProjects, {});
    expect(missing?.reason).toMatch(/^须选择办理结果：「提报项目」或「无重点工程项目提报」 \(/);
    expect(missing?.reason.split(' (')[0]).not.toMatch(/projects|none|=/);
    const unknown = checkFormalities(keyProjects, { outcome: 'maybe' } as never);
    expect(unknown?.reason).toMatch(/^办理结果「maybe」无效，应为：「提报项目」或「无重点工程项目提报」/);
    expect(checkFormalities(keyProjects, { outcome: 'none', seal: true } as never)).toBeNull();
  });
});
