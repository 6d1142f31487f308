import { jsonProblem, sanitizeDeep, sanitizeText, textProblem } from './safe-text';

describe('text hygiene', () => {
  it('accepts ordinary Chinese text, emoji (paired surrogates) and control characters other than NUL', () => {
    expect(textProblem('已按要求完成，附支撑材料 ✅ 😀\n\t')).toBeNull();
  });

  it('refuses NUL and unpaired surrogates (high or low, anywhere)', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('x\ud800y')).toMatch(/surrogate/);
    expect(textProblem('x\udc00')).toMatch(/surrogate/);
    expect(textProblem('\ud800')).toMatch(/surrogate/);
  });

  it('sanitises to U+FFFD and leaves paired surrogates alone', () => {
    expect(sanitizeText('a\u0000b\ud800c😀')).toBe('a\uFFFDb\uFFFDc😀');
    expect(sanitizeDeep({ 'k\u0000': ['x\udc00', 1, null, { y: 'ok' }] })).toEqual({ 'k\uFFFD': ['x\uFFFD', 1, null, { y: 'ok' }] });
  });

  it('bounds nesting depth without recursion (a 5,000-deep value is refused, not a stack overflow)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(jsonProblem(deep)).toMatch(/nested deeper than 32/);
    expect(jsonProblem({ a: { b: [1, 2, { c: 'd' }] } })).toBeNull();
  });

  it('bounds string length and names the path of the problem', () => {
    expect(jsonProblem({ comment: 'x'.repeat(100_001) })).toMatch(/^body\.comment: .*longer than 100000/);
    expect(jsonProblem({ list: ['ok', 'a\u0000'] })).toMatch(/^body\.list\[1\]: .*NUL/);
  });
});

describe('engine command schemas refuse unsafe text', () => {
  it('a submit comment or a pause reason with NUL / a lone surrogate is invalid', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CommandSchema } = require('../engine/command.schema') as typeof import('../engine/command.schema');
    expect(CommandSchema.safeParse({ type: 'submit', taskId: 't1', comment: 'a\u0000b' }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: 'pause', reason: 'x\ud800y' }).success).toBe(false);
    expect(CommandSchema.safeParse({ type: 'pause', reason: '疫情防控 😷' }).success).toBe(true);
  });
});
