import { splitRegionName } from './templates.service';

describe('splitRegionName', () => {
  it.each([
    ['山东省济宁市兖州区', { province: '山东省', city: '济宁市', county: '兖州区' }],
    ['济南市历下区', { province: '', city: '济南市', county: '历下区' }],
    ['泗水县', { province: '', city: '', county: '泗水县' }],
    ['内蒙古自治区呼伦贝尔市满洲里市', { province: '内蒙古自治区', city: '呼伦贝尔市', county: '满洲里市' }],
    ['  青岛市市南区 ', { province: '', city: '青岛市', county: '市南区' }],
    // a line break inside (the fuzz's case: it made the match fail and the import answer 500)
    ['济宁市\r兖州区', { province: '', city: '济宁市', county: '\r兖州区' }],
    ['a\nb', { province: '', city: '', county: 'a\nb' }],
  ])('%s', (name, parts) => {
    expect(splitRegionName(name)).toEqual(parts);
  });
});
