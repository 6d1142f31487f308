import { readFileSync } from 'fs';
import { join } from 'path';
import { loadDotEnv, parseDotEnv } from './dotenv';

describe('.env files', () => {
  it('parses values, quotes and comments; empty values are unset', () => {
    expect(parseDotEnv('A=1\n# c\nB = two words # note\nC="x # y"\nD=\nexport E=\'q\'\nF=a#b')).toEqual({ A: '1', B: 'two words', C: 'x # y', E: 'q', F: 'a#b' });
  });

  it('never overrides a variable already set', () => {
    const env: NodeJS.ProcessEnv = { A: 'env' };
    expect(loadDotEnv(join(__dirname, '__missing__.env'), env)).toEqual([]);
    const file = join(__dirname, '../../../.env.example');
    const example = parseDotEnv(readFileSync(file, 'utf8'));
    expect(example.API_PORT).toBe('3000');
    expect(example.DATABASE_URL).toBeUndefined(); // "example:" values are comments, not settings
  });
});
