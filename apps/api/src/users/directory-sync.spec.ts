import { directoryHash } from './campaign-directory.service';
import { retryDelayMs } from './directory-sync.service';

describe('directory sync (pure parts)', () => {
  it('a directory hashes by content: key order does not matter, a deactivation or a new liaison does', () => {
    const a = [{ id: 'e1', name: '专家甲', roles: ['expert' as const], unitId: null, active: true }];
    const reordered = [{ active: true, unitId: null, roles: ['expert' as const], name: '专家甲', id: 'e1' }];
    expect(directoryHash(reordered)).toBe(directoryHash(a));
    expect(directoryHash([{ ...a[0], active: false }])).not.toBe(directoryHash(a));
    expect(directoryHash([{ ...a[0], liaisonOf: ['sx-tjj'] }])).not.toBe(directoryHash(a));
  });

  it('failed sends are retried with a doubling delay, capped at five minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelayMs(9)).toBe(300_000);
    expect(retryDelayMs(500)).toBe(300_000);
  });
});
