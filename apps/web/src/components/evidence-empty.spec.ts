import { evidenceEmptyText, unsentCount } from './evidence-empty';

describe('支撑材料 with nothing sent', () => {
  it('names the uploaded, unsent files instead of 暂无附件', () => {
    expect(evidenceEmptyText({ unsent: 2 })).toBe('暂无已报送的附件（有 2 个待报送文件，见上方「办理」）');
    expect(evidenceEmptyText({ unsent: 0 })).toBe('暂无附件');
    expect(evidenceEmptyText({ externalResult: '外部评审结果', unsent: 0 })).toBe('书面意见见「外部评审结果」');
  });

  it('counts the draft: uploaded files, not those carried from the last submission, refused or still uploading', () => {
    expect(unsentCount([{ progress: 100 }, { progress: 100, carried: true }, { progress: 40 }, { progress: 0, error: '太大' }, { progress: 100 }])).toBe(2);
  });
});
