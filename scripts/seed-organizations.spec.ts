import { loadBuiltInTemplates } from '@eco/templates';
import { organizationsOf } from './seed-organizations';

describe('organizations derived from the built-in templates', () => {
  it('makes each template region a county organization under its city and province, holding the template units', async () => {
    const seed = organizationsOf(await loadBuiltInTemplates());
    const byId = new Map(seed.organizations.map((o) => [o.id, o]));
    expect(byId.get('shandong')).toMatchObject({ level: 'province', parentId: null });
    expect(byId.get('jining')).toMatchObject({ name: '济宁市', level: 'city', parentId: 'shandong' });
    expect(byId.get('sishui')).toMatchObject({ name: '济宁市泗水县', level: 'county', parentId: 'jining', regionName: '济宁市泗水县' });
    expect(byId.get('yanzhou')).toMatchObject({ level: 'county', parentId: 'jining' });
    expect(byId.get('lixia')).toMatchObject({ parentId: 'jinan' });
    expect(byId.get('shinan')).toMatchObject({ parentId: 'qingdao' });
    // parents come first (foreign keys)
    const pos = (id: string) => seed.organizations.findIndex((o) => o.id === id);
    expect(pos('shandong')).toBeLessThan(pos('jining'));
    expect(pos('jining')).toBeLessThan(pos('sishui'));
    expect(seed.units.get('sishui')).toEqual(expect.arrayContaining([{ unitId: 'sx-tjj', name: expect.any(String) }]));
    expect(seed.units.get('yanzhou')?.every((u) => u.unitId.startsWith('yz-'))).toBe(true);
  });
});
