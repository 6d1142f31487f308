import { mergeDraft, syncDraft, placeUploaded, sameAsSentText, policyText, refusedBeforeUpload, uploadClosedReason, uploadedTwice } from './upload-rules';

const policy = { allowedTypes: ['pdf', 'jpg'], accept: '.pdf,.jpg,.jpeg,application/pdf,image/jpeg', maxFileBytes: 50 * 1024 * 1024, maxFiles: 3 };

describe('the upload control’s checks before sending (the server’s limits)', () => {
  it('names each file over the size limit; a file of exactly the limit goes', () => {
    expect(refusedBeforeUpload([{ name: '现场照片.jpg', size: 50 * 1024 * 1024 }, { name: '台账扫描件.pdf', size: 50 * 1024 * 1024 + 1 }], policy)).toEqual(['「台账扫描件.pdf」超过 50 MB 上限，未上传']);
    expect(refusedBeforeUpload([{ name: 'a.pdf', size: 10 }], policy)).toEqual([]);
  });

  it('refuses more files at once than the server takes in one upload', () => {
    const four = ['1', '2', '3', '4'].map((n) => ({ name: `${n}.pdf`, size: 10 }));
    expect(refusedBeforeUpload(four, policy)).toEqual(['一次最多上传 3 个文件，本次选择了 4 个，未上传']);
    expect(refusedBeforeUpload(four.slice(0, 3), policy)).toEqual([]);
  });

  it('writes limits (byteSizeText, as the server’s 413 does) and types as people read them', () => {
    expect(policyText(policy)).toBe('支持 PDF、JPG，单个文件不超过 50 MB，一次最多 3 个');
    expect(policyText({ ...policy, maxFileBytes: 512 * 1024 })).toBe('支持 PDF、JPG，单个文件不超过 512 KB，一次最多 3 个');
  });
});

describe('a 补正 upload of a file sent back (placeUploaded)', () => {
  const carried = (id: string, name: string) => ({ id, name, carried: true });
  it('replaces the last submission\'s file of the same name, and says so', () => {
    const files = [carried('f1', '指标分解表-统计局.pdf'), carried('f2', '现场照片.jpg'), { id: 'local-1', name: '指标分解表-统计局.pdf' }];
    expect(placeUploaded(files, 'local-1', { id: 'f3', name: '指标分解表-统计局.pdf' })).toEqual([carried('f2', '现场照片.jpg'), { id: 'f3', name: '指标分解表-统计局.pdf', replaced: true }]);
  });
  it('the same content as a file sent last time (the same scan chosen again) says so instead of 已替换', () => {
    type E = { id: string; name: string; sha256?: string; carried?: boolean; sameAs?: string };
    const files: E[] = [{ id: 'f1', name: '现场照片.jpg', sha256: 'abc', carried: true }, { id: 'f2', name: '台账.pdf', sha256: 'def', carried: true }, { id: 'local-1', name: '现场照片(1).jpg' }];
    expect(placeUploaded(files, 'local-1', { id: 'f3', name: '现场照片(1).jpg', sha256: 'abc' })).toEqual([files[1], { id: 'f3', name: '现场照片(1).jpg', sha256: 'abc', sameAs: '现场照片.jpg' }]);
    const again: E[] = [files[0], { id: 'local-2', name: '现场照片.jpg' }];
    expect(placeUploaded(again, 'local-2', { id: 'f4', name: '现场照片.jpg', sha256: 'abc' })).toEqual([{ id: 'f4', name: '现场照片.jpg', sha256: 'abc', sameAs: '现场照片.jpg' }]);
    expect(sameAsSentText('现场照片.jpg')).toBe('与上次报送的「现场照片.jpg」内容相同，已沿用');
  });
  it('keeps every carried file when the name is new, and an earlier upload of this round with the same name', () => {
    const files = [carried('f1', '指标分解表-统计局.pdf'), { id: 'f4', name: '盖章扫描件.pdf' }, { id: 'local-2', name: '盖章扫描件.pdf' }];
    expect(placeUploaded(files, 'local-2', { id: 'f5', name: '盖章扫描件.pdf' })).toEqual([carried('f1', '指标分解表-统计局.pdf'), { id: 'f4', name: '盖章扫描件.pdf' }, { id: 'f5', name: '盖章扫描件.pdf' }]);
  });
});

describe('uploads while the campaign is paused', () => {
  it('are closed with the reason 活动已暂停; open otherwise', () => {
    expect(uploadClosedReason({ paused: true })).toBe('活动已暂停：暂停期间不能上传材料');
    expect(uploadClosedReason({ paused: false })).toBeNull();
    expect(uploadClosedReason(undefined)).toBeNull();
    // the domain's rule, as the API refuses: ended campaigns take no file either
    expect(uploadClosedReason({ paused: false, status: 'cancelled' })).toBe('活动已结束：不能再上传材料');
    expect(uploadClosedReason({ paused: false, status: 'active' })).toBeNull();
  });
});

describe('the server draft joined to the form', () => {
  it('adds the draft files the form does not hold, after what it holds', () => {
    const form = [{ id: 'carried-1', name: '上次.pdf' }, { id: 'a', name: 'a.pdf' }];
    expect(mergeDraft(form, [{ id: 'a', name: 'a.pdf' }, { id: 'b', name: 'b.jpg' }]).map((f) => f.id)).toEqual(['carried-1', 'a', 'b']);
  });

  it('read again after a refused 报送, a file removed on another device leaves the form; carried, uploading and refused ones stay', () => {
    const form = [
      { id: 'carried-1', name: '上次.pdf', carried: true, progress: 100 },
      { id: 'a', name: '河长制工作台账.pdf', progress: 100 },
      { id: 'gone', name: '现场照片.png', progress: 100 },
      { id: 'local-x', name: '上传中.pdf', progress: 40 },
      { id: 'bad', name: '坏.exe', error: '不支持的文件类型', progress: 0 },
    ];
    expect(syncDraft(form, [{ id: 'a', name: '河长制工作台账.pdf', progress: 100 }, { id: 'phone', name: '手机上传.jpg', progress: 100 }]).map((f) => f.id)).toEqual(['carried-1', 'a', 'local-x', 'bad', 'phone']);
  });

  it('says a file chosen again was not added, naming the one uploaded before', () => {
    expect(uploadedTwice('台账.pdf', '台账.pdf')).toBe('「台账.pdf」已上传过，未重复添加');
    expect(uploadedTwice('台账(1).pdf', '台账.pdf')).toBe('「台账(1).pdf」与已上传的「台账.pdf」内容相同，未重复添加');
  });
});
