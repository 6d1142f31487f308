import { contentDisposition, encodeRfc5987, numberedFileName, safeFileName, safePathSegment } from './content-disposition';

describe('Content-Disposition keeps Chinese file names (RFC 5987)', () => {
  it('gives an ASCII fallback and a UTF-8 filename* that decodes to the original name', () => {
    const h = contentDisposition('河长制工作台账（2025）.pdf');
    expect(h).toBe(`attachment; filename="________2025_.pdf"; filename*=UTF-8''${encodeURIComponent('河长制工作台账（2025）.pdf')}`);
    const star = /filename\*=UTF-8''(.+)$/.exec(h)![1];
    expect(decodeURIComponent(star)).toBe('河长制工作台账（2025）.pdf');
  });

  it('percent-encodes the characters RFC 5987 does not allow bare', () => {
    expect(encodeRfc5987("a'b(c)*d e.pdf")).toBe('a%27b%28c%29%2Ad%20e.pdf');
  });

  it('cannot be broken out of by quotes, CR/LF or path separators', () => {
    const h = contentDisposition('evil"\r\nX-Injected: 1/../x.pdf');
    expect(h).not.toMatch(/[\r\n]/);
    expect(h.split('filename=')[1]).toMatch(/^"[^"]*";/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(h)![1])).toBe('evil___X-Injected: 1_.._x.pdf');
  });

  it('inline is available for previews', () => {
    expect(contentDisposition('a.png', 'inline')).toBe(`inline; filename="a.png"; filename*=UTF-8''a.png`);
  });

  it('makes zip path segments safe but keeps Chinese', () => {
    expect(safePathSegment('1-森林覆盖率/山区')).toBe('1-森林覆盖率_山区');
    expect(safePathSegment('..')).toBe('_');
    expect(safePathSegment('')).toBe('_');
  });
});

describe('safeFileName (a file of the 申报材料包, extracted on Windows too)', () => {
  it.each([
    ['  .pdf', '未命名.pdf'],
    ['.pdf', '未命名.pdf'],
    ['..pdf', '未命名.pdf'],
    ['   ', '未命名'],
    ['CON.PDF', '_CON.PDF'],
    ['con.pdf', '_con.pdf'],
    ['nul.tar.gz', '_nul.tar.gz'],
    ['AUX', '_AUX'],
    ['PRN .pdf', '_PRN.pdf'],
    ['COM1.jpg', '_COM1.jpg'],
    ['LPT9.png', '_LPT9.png'],
    ['COM10.pdf', 'COM10.pdf'],
    ['CONSOLE.pdf', 'CONSOLE.pdf'],
    ['台账.pdf. . ', '台账.pdf'],
    ['台账 .pdf', '台账.pdf'],
    ['.台账.pdf', '_台账.pdf'],
    ['a/b:c*?.pdf', 'a_b_c__.pdf'],
    ['河长制工作台账（2025年）.pdf', '河长制工作台账（2025年）.pdf'],
  ])('%j → %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it('keeps the extension when it shortens a long name', () => {
    const safe = safeFileName(`${'台'.repeat(300)}.pdf`);
    expect(safe).toHaveLength(120);
    expect(safe.endsWith('台.pdf')).toBe(true);
  });

  it('numbers a second file of the same name before its extension', () => {
    expect(numberedFileName('照片.jpg', 2)).toBe('照片(2).jpg');
    expect(numberedFileName('未命名', 3)).toBe('未命名(3)');
  });
});

describe('safePathSegment on Windows', () => {
  it('prefixes device names and drops trailing dots and spaces', () => {
    expect(safePathSegment('AUX')).toBe('_AUX');
    expect(safePathSegment('水利中心. ')).toBe('水利中心');
    expect(safePathSegment(' . ')).toBe('_');
  });
});
