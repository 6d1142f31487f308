import { containsPattern } from './contains-pattern';

describe('containsPattern', () => {
  it('matches the text literally anywhere', () => {
    expect(containsPattern('张三')).toBe('%张三%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
