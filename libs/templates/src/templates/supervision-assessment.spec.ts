/**
 * The supervision cadence and the assessment consequences each template claims are the plan's words: every source is
 * quoted from the seed text, every label and consequence text stands in its source, and a plan that states no cadence
 * (Shinan, Jiyang) or no assessment consequence (Yanzhou, Shinan) gets none.
 */
import { loadBuiltInTemplates } from '../template-loader';
import type { CampaignTemplate } from '@eco/domain';
import { quotes, readSeed } from './seed-text';

let templates: CampaignTemplate[];
beforeAll(async () => {
  templates = await loadBuiltInTemplates();
});
const seedOf = (t: CampaignTemplate) => readSeed(t.source!.file);

describe('supervision cadence and assessment consequences quote the plans', () => {
  it('every cadence source is a sentence of the plan about the office 调度 / 督查 regularly (定期或不定期)', () => {
    const got = templates.flatMap((t) => (t.supervision ?? []).map((c) => [t.id, c.key, quotes(seedOf(t), c.source), /定期或不定期/.test(c.source) && /调度|督查/.test(c.source)]));
    expect(got).toEqual([
      ['lixia-2021', 'monthly-inspection', true, true],
      ['sishui-2023', 'monthly-dispatch', true, true],
      ['yanzhou-2023', 'monthly-dispatch', true, true],
    ]);
  });

  it('no plan prints a frequency: every cadence marks its frequency derived, with the reason quoting the plan\'s words', () => {
    for (const t of templates) {
      for (const c of t.supervision ?? []) {
        expect([t.id, c.provenance?.every?.derived]).toEqual([t.id, true]);
        expect([t.id, /定期或不定期/.test(c.provenance!.every!.reason)]).toEqual([t.id, true]);
        expect([t.id, /按月|每月|季度/.test(seedOf(t).match(/加强督促检查[^\n]*/)![0])]).toEqual([t.id, false]);
      }
    }
  });

  it('Shinan and Jiyang state no cadence; their seeds have no 加强督促检查 clause', () => {
    for (const id of ['shinan-2024', 'jiyang-2021']) {
      const t = templates.find((x) => x.id === id)!;
      expect(t.supervision ?? []).toEqual([]);
      expect(seedOf(t)).not.toContain('加强督促检查');
    }
  });

  it('every assessment consequence: the source is quoted from the plan, and its label, text and matter stand in the source', () => {
    const got = templates.flatMap((t) =>
      (t.assessment ?? []).map((a) => [t.id, a.appliesTo, quotes(seedOf(t), a.source), quotes(a.source, a.label), quotes(a.source, a.text), a.matter === undefined || quotes(a.source, a.matter)]),
    );
    expect(got).toEqual([
      ['jiyang-2021', 'matter', true, true, true, true],
      ['lixia-2021', 'escalation', true, true, true, true],
      ['sishui-2023', 'escalation', true, true, true, true],
    ]);
  });

  it('Yanzhou and Shinan state no assessment consequence (no 纳入…考核 / 严格考核评分 / 问责 clause) and get none', () => {
    for (const id of ['yanzhou-2023', 'shinan-2024']) {
      const t = templates.find((x) => x.id === id)!;
      expect(t.assessment ?? []).toEqual([]);
      expect(seedOf(t)).not.toMatch(/纳入[^。]*综合[^。]*考核|严格考核评分|实施问责/);
    }
  });

  it("applying a consequence to the second escalation is a reading of the plan, marked derived with its reason", () => {
    for (const t of templates) for (const a of t.assessment ?? []) if (a.appliesTo === 'escalation') expect([t.id, a.provenance?.appliesTo?.derived]).toEqual([t.id, true]);
  });
});
