import { chinesePunctuation } from './chinese-punctuation';

describe('chinesePunctuation: a plan quoted in an official text', () => {
  it('turns the half-width , ; : ( ) into Chinese punctuation and keeps the words', () => {
    expect(chinesePunctuation('对未达到创建要求的单位,将严格考核评分,对影响全县创建工作整体进程的实施问责。')).toBe('对未达到创建要求的单位，将严格考核评分，对影响全县创建工作整体进程的实施问责。');
    expect(chinesePunctuation('考核(扣分): 每项 2 分; 另行通报')).toBe('考核（扣分）：每项 2 分；另行通报');
  });
});
