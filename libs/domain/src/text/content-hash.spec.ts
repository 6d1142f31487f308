import { fnv1a } from './content-hash';

describe('fnv1a', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });
  it('differs when the content differs', () => {
    expect(fnv1a('{"id":"sishui-2023","v":1}')).not.toBe(fnv1a('{"id":"sishui-2023","v":2}'));
  });
});
