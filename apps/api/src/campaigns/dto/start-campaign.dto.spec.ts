import { ISO_DURATION, ISO_DURATION_PATTERN } from './start-campaign.dto';

describe('the OpenAPI pattern of a reminder duration', () => {
  it('accepts exactly what the validation accepts (no look-ahead, same language)', () => {
    const documented = new RegExp(ISO_DURATION_PATTERN);
    expect(ISO_DURATION_PATTERN).not.toContain('(?');
    const parts = ['', '-', 'P', 'T', '1', '12', 'W', 'D', 'H', 'M', 'S', '.5', '.', 'X'];
    let seed = 7;
    const next = () => {
      // mulberry32: deterministic, well spread
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (t ^ (t >>> 14)) >>> 0;
    };
    const samples = ['P', 'PT', 'P1D', 'PT5S', 'P1W2D', 'P1DT2H3M4.5S', 'PT1', '-P3D', 'P1DT', 'PT1.5S', 'P1W', 'PT2M'];
    for (let i = 0; i < 20000; i++) samples.push(Array.from({ length: 1 + (next() % 8) }, () => parts[next() % parts.length]).join(''));
    // near-misses too: well-formed durations, some with one character dropped or repeated
    const n = () => String(next() % 30) + (next() % 4 === 0 ? '.5' : '');
    for (let i = 0; i < 5000; i++) {
      const time = ['H', 'M', 'S'].filter(() => next() % 2).map((u) => n() + u).join('');
      const date = ['W', 'D'].filter(() => next() % 2).map((u) => n() + u).join('');
      let d = `${next() % 5 === 0 ? '-' : ''}P${date}${time || next() % 6 === 0 ? `T${time}` : ''}`;
      if (next() % 3 === 0) {
        const at = next() % d.length;
        d = next() % 2 ? d.slice(0, at) + d.slice(at + 1) : d.slice(0, at) + d[at] + d.slice(at);
      }
      samples.push(d);
    }
    const differ = samples.filter((s) => ISO_DURATION.test(s) !== documented.test(s));
    expect(differ).toEqual([]);
    expect(samples.filter((s) => documented.test(s)).length).toBeGreaterThan(1000);
  });
});
