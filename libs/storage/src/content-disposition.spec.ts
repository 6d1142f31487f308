import { contentDisposition, encodeRfc5987, safePathSegment } from './content-disposition';

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
