import { draftText, readDraft, sentFilesText } from './submit-draft';

describe('the 报送 draft: files and the 报送说明 survive a reload or a sign-in again', () => {
  const file = { id: 'f1', name: '统计局资料清单（盖章）.pdf', size: 10 };

  it('keeps the comment with the files, and the comment alone', () => {
    expect(readDraft(draftText([file], '已按要求补充盖章页'))).toEqual({ files: [file], comment: '已按要求补充盖章页' });
    expect(readDraft(draftText([], '先写好说明，扫描件稍后上传'))).toEqual({ files: [], comment: '先写好说明，扫描件稍后上传' });
  });

  it('nothing to keep: no draft (removed)', () => {
    expect(draftText([], undefined)).toBeNull();
    expect(draftText([], '   ')).toBeNull();
  });

  it('reads a draft stored by the earlier version (files alone), and ignores what it cannot read', () => {
    expect(readDraft(JSON.stringify([file]))).toEqual({ files: [file] });
    expect(readDraft('{not json')).toBeNull();
    expect(readDraft(JSON.stringify({ comment: 'x' }))).toBeNull();
    expect(readDraft(null)).toBeNull();
  });
});

describe('确认报送 names the files that go', () => {
  it('each by name, last round’s carried files said so', () => {
    expect(sentFilesText([{ name: '盖章页.pdf' }, { name: '资料清单（未盖章）.pdf', carried: true }])).toEqual(['盖章页.pdf', '资料清单（未盖章）.pdf（上次报送的文件）']);
  });
});
