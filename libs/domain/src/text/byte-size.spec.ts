import { byteSizeText } from './byte-size';

describe('byteSizeText: a size as people read it', () => {
  it('MB from one MiB, KB from one KiB, one decimal at most', () => {
    expect(byteSizeText(50 * 1024 * 1024)).toBe('50 MB');
    expect(byteSizeText(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(byteSizeText(1024 * 1024)).toBe('1 MB');
    expect(byteSizeText(512 * 1024)).toBe('512 KB');
    expect(byteSizeText(1000)).toBe('1000 B');
    expect(byteSizeText(52428801)).toBe('50 MB');
  });
});
