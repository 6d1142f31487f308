/**
 * Provenance across the five built-in templates, checked against their seed texts: the words a milestone or phase
 * quotes (due.text, source, phase text) are the plan's own; a date the plan prints is the date in those words; a date
 * the plan does not print (offset, 上旬/中旬 resolved to a day, "原文未写日期") is marked derived with its reason; the
 * plan issued by the government is issued by the government (not signed off as the leader's own act).
 */
import * as path from 'path';
import type { CampaignTemplate, Milestone } from '@eco/domain';
import { loadBuiltInTemplates, parseTemplate } from '../template-loader';
import { norm, quotes, readSeed } from './seed-text';

/** Our annotations inside a quote: （原文未写日期，按阶段末推定）, （见附件2） stays (the plan's own words). */
const ANNOTATION = /[（(]([^（）()]*)[）)]/g;
const OURS = /方案|原文|推定|未写|未单列|未另定|印发日期|总体目标|命名时间|按|取|随/;
/** "第二阶段(2023年7月-8月)": a phase named by its period, as the plan prints it ("第二阶段:创建实施阶段(2023年7月-8月)"). */
const PHASE_LABEL = /^(第[一二三四]阶段)[（(]([^（）()]+)[）)]$/;
const NOT_PRINTED = /未写|未单列|未另定|未规定|未定|推定/;

/** Is a piece of a quote in the seed? A phase label counts when the plan prints that phase with that period. */
function inSeed(seed: string, piece: string): boolean {
  const label = PHASE_LABEL.exec(norm(piece));
  if (label) return new RegExp(`${label[1]}：[^（]{0,10}（${label[2].replace(/[-—]/g, '[-—]')}）`).test(norm(seed));
  return quotes(seed, piece);
}

/** The plan's words in a quote: our parenthetical annotations removed, split where we elided (……) or joined (；). */
export function quotedPieces(text: string): string[] {
  return text
    .replace(ANNOTATION, (whole, inner: string) => (OURS.test(inner) ? '\n' : whole))
    .split(/……|；|;|\n|(?<=阶段[（(][^（）()]*[）)])[：:]/)
    .map((p) => p.trim().replace(/^[，,。：:]+|[，,。]+$/g, ''))
    .filter((p) => p.length > 1);
}

const dayWords = (iso: string): RegExp => {
  const [, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(Number(iso.slice(0, 4)), m, 0)).getUTCDate();
  return new RegExp(`(^|[^0-9])${m}月(${d}日${d === last ? '|底' : ''})`);
};

describe('built-in templates quote their plans, and mark what the plans do not print', () => {
  let templates: CampaignTemplate[];
  beforeAll(async () => {
    templates = await loadBuiltInTemplates();
  });
  const each = (fn: (t: CampaignTemplate, seed: string, m: Milestone) => void) => {
    for (const t of templates) {
      const seed = readSeed(t.source!.file);
      for (const m of t.phases.flatMap((p) => p.milestones)) fn(t, seed, m);
    }
  };

  it('every template names its seed file', () => {
    expect(templates.map((t) => [t.id, typeof t.source?.file])).toEqual(templates.map((t) => [t.id, 'string']));
  });

  it("a milestone's due text and source are the plan's words (our annotations aside)", () => {
    const missing: string[] = [];
    each((t, seed, m) => {
      for (const piece of [...quotedPieces(m.due.text), ...quotedPieces(m.source ?? '')]) if (!inSeed(seed, piece)) missing.push(`${t.id} ${m.key}: ${piece}`);
    });
    expect(missing).toEqual([]);
  });

  it("a phase's text is the plan's words", () => {
    const missing: string[] = [];
    for (const t of templates) {
      const seed = readSeed(t.source!.file);
      for (const p of t.phases) for (const piece of quotedPieces(p.text)) if (!inSeed(seed, piece)) missing.push(`${t.id} ${p.key}: ${piece}`);
    }
    expect(missing).toEqual([]);
  });

  it('a date the plan prints is the date its words give; any other date is marked derived with a reason', () => {
    const wrong: string[] = [];
    each((t, _seed, m) => {
      const derived = m.provenance?.due;
      if (m.due.offset || m.due.approximate || NOT_PRINTED.test(m.due.text)) {
        if (!derived?.reason) wrong.push(`${t.id} ${m.key}: not printed, not marked derived`);
        return;
      }
      if (derived) return;
      if (!dayWords(m.due.date!).test(m.due.text)) wrong.push(`${t.id} ${m.key}: ${m.due.date} vs "${m.due.text}"`);
    });
    expect(wrong).toEqual([]);
  });

  it("a phase's start and end are the days its text gives (月底 = the month's last day); a day resolved from a month is derived", () => {
    const wrong: string[] = [];
    for (const t of templates) {
      for (const p of t.phases) {
        for (const f of ['start', 'end'] as const) {
          const v = p[f];
          if (!v) continue;
          if (p.provenance?.[f]?.reason) continue;
          if (!dayWords(v).test(p.text.replace(/\s+/g, ''))) wrong.push(`${t.id} ${p.key}.${f}: ${v} vs "${p.text}"`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the plan is issued by the government that issued it, as its text says', () => {
    for (const t of templates) {
      const seed = readSeed(t.source!.file);
      expect([t.id, quotes(seed, `${t.issuingAuthority}`)]).toEqual([t.id, true]);
      const issued = t.phases.flatMap((p) => p.milestones).filter((m) => m.taskKind === 'work-plan-issued');
      for (const m of issued) expect([t.id, m.owner]).toEqual([t.id, 'government']);
      // The last step of the issuing chain is the government's act (signed in the system by its head, role leader).
      if (issued.length) {
        const chain = t.approvalChains['work-plan-issued'];
        expect([t.id, chain?.at(-1)]).toEqual([t.id, { name: `${t.issuingAuthority}印发`, role: 'leader', mode: 'any' }]);
        expect([t.id, quotes(seed, `${t.issuingAuthority}关于印发`)]).toEqual([t.id, true]);
      }
    }
  });

  it('no template keeps a naming (命名) step its note says the plan does not have, nor a ministry step a provincial plan never mentions', () => {
    for (const t of templates) {
      const seed = readSeed(t.source!.file);
      const kinds = t.phases.flatMap((p) => p.milestones.map((m) => m.taskKind));
      // A naming step comes from a sentence of the plan (its goal: 获得命名, 成功创建, 申请验收), quoted as its source.
      for (const m of t.phases.flatMap((p) => p.milestones).filter((x) => x.taskKind === 'naming')) {
        expect([t.id, m.source !== undefined && quotes(seed, m.source) && /命名|成功创建|验收/.test(m.source)]).toEqual([t.id, true]);
      }
      const note = t.source?.note ?? '';
      if (/未提[^。]*命名|命名[^。]*未建|不设命名/.test(note)) expect([t.id, kinds.includes('naming')]).toEqual([t.id, false]);
      if (kinds.includes('naming')) expect([t.id, /命名/.test(note)]).toEqual([t.id, true]);
      if (!/生态环境部/.test(seed)) for (const m of t.phases.flatMap((p) => p.milestones)) expect([t.id, m.key, /生态环境部/.test(m.name)]).toEqual([t.id, m.key, false]);
    }
  });
});

describe('provenance is validated', () => {
  const base = async () => {
    const [t] = (await loadBuiltInTemplates()).filter((x) => x.id === 'yanzhou-2023');
    return JSON.parse(JSON.stringify(t)) as Record<string, any>;
  };
  const file = path.join('data', 'yanzhou-2023.json');

  it('derived without a reason, or with another flag than true, is refused', async () => {
    const t = await base();
    t.units[0].provenance = { name: { derived: true } };
    t.indicators[1].provenance.leadUnitIds = { derived: false, reason: 'x' };
    expect(() => parseTemplate(t, file)).toThrow(/units\[0\]\.provenance\.name\.reason[\s\S]*indicators\[1\]\.provenance\.leadUnitIds\.derived/);
  });

  it('only fields of the entry can be marked', async () => {
    const t = await base();
    t.indicators[0].provenance = { colour: { derived: true, reason: 'x' } };
    expect(() => parseTemplate(t, file)).toThrow(/indicators\[0\]\.provenance/);
  });

  it('a due date the plan does not print must be marked derived', async () => {
    const t = await base();
    delete t.phases[2].milestones.find((m: Milestone) => m.key === 'inspection').provenance;
    expect(() => parseTemplate(t, file)).toThrow(/phases\[2\]\.milestones\[\d+\]\.provenance\.due: due offset P8W is not printed in the plan/);
  });

  it('a step the plan never mentions is optional', async () => {
    const t = await base();
    const naming = t.phases[2].milestones.find((m: Milestone) => m.key === 'naming');
    naming.provenance.entry = { derived: true, reason: '方案未提命名' };
    expect(() => parseTemplate(t, file)).toThrow(/milestones\[\d+\]\.required: a milestone the plan does not mention/);
    naming.required = false;
    expect(parseTemplate(t, file).phases[2].milestones.find((m) => m.key === 'naming')!.required).toBe(false);
  });

  it('the comparison form keeps words and units, and only evens out spaces and punctuation width', () => {
    expect(norm('(试行) 高于 85%,')).toBe('（试行）高于85%，');
    expect(quotes('立方米/万元', '吨标准煤/万元')).toBe(false);
    expect(quotedPieces('各部门（单位）要……明确工作职责（方案未写日期）')).toEqual(['各部门（单位）要', '明确工作职责']);
  });
});
