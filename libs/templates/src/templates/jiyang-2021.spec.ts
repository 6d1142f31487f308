/**
 * jiyang-2021 against its plan (seed 003, a consolidation plan without an indicator table): every key task of
 * 三、重点任务 is read from the seed text and compared with the template — section, title, content word for word,
 * 责任单位 in the order printed — and the indicators built from them are marked derived, their lead choice too.
 */
import * as path from 'path';
import type { CampaignTemplate, KeyTask } from '@eco/domain';
import { loadTemplateFile } from '../template-loader';
import { norm, quotes, readSeed } from './seed-text';

const SEED = readSeed('003_cb8fe37ee20f300e.txt');
const LINES = SEED.split('\n').map((l) => l.trim()).filter(Boolean);

interface SeedTask {
  number: number;
  section: string;
  title: string;
  content: string;
  units: string[];
}

/** "N.标题。内容(责任单位:A、B)" under "(一)…" headings, from 三、重点任务 to the end of the copy. */
function seedTasks(): SeedTask[] {
  const out: SeedTask[] = [];
  let section = '';
  for (const line of LINES.slice(LINES.indexOf('三、重点任务') + 1)) {
    if (/^\([一二三四五六七八九十]\)/.test(line)) section = line;
    const m = /^(\d+)\.([^。]+)。(.*)\(责任单位:(.*)\)$/.exec(line);
    if (m) out.push({ number: Number(m[1]), section, title: m[2], content: m[3], units: m[4].split('、') });
  }
  return out;
}

const TASKS = seedTasks();

describe('jiyang-2021 template against its plan (seed 003, 济南市济阳区, consolidation)', () => {
  let t: CampaignTemplate;
  const task = (n: number): KeyTask => t.keyTasks.find((k) => k.number === n)!;
  const unit = (id: string) => t.units.find((u) => u.id === id)!;

  beforeAll(async () => {
    t = await loadTemplateFile(path.resolve(__dirname, '../../data/jiyang-2021.json'));
  });

  it('carries the document metadata as the copy prints it (no document number)', () => {
    expect(t.source?.file).toBe('003_cb8fe37ee20f300e.txt');
    expect(quotes(SEED, `${t.region.name}人民政府关于印发《${t.name}》的通知`)).toBe(true);
    expect(quotes(SEED, `${t.issuingAuthority}\n2021年7月14日`)).toBe(true);
    expect(t.issueDate).toBe('2021-07-14');
    expect(/字号:\s*\n/.test(SEED) && t.documentNumber === undefined).toBe(true);
    expect(t.kind).toBe('consolidation');
    for (const part of t.goal.split(/，(?=以通过|坚持|确保)/)) expect([part, quotes(SEED, part.replace(/。$/, ''))]).toEqual([part, true]);
    for (const a of t.accountability) for (const piece of a.split('……')) expect([piece, quotes(SEED, piece)]).toEqual([piece, true]);
  });

  it('reads the 16 key tasks of the seed, in order', () => {
    expect(TASKS.map((k) => k.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(t.keyTasks.map((k) => k.number)).toEqual(TASKS.map((k) => k.number));
  });

  describe.each(TASKS)('key task $number', (s) => {
    it('section, title and content word for word; 责任单位 in the order printed', () => {
      const k = task(s.number);
      expect(norm(k.section)).toBe(norm(s.section));
      expect(k.title).toBe(s.title);
      expect(norm(k.content)).toBe(norm(s.content));
      expect(k.unitIds.map((id) => norm(unit(id).name))).toEqual(s.units.map(norm));
    });

    it('its indicator is derived (the plan has no indicator table), led by the first-named unit, that choice marked derived', () => {
      const k = task(s.number);
      const i = t.indicators.find((x) => x.code === k.indicatorCode)!;
      expect(i.derived).toBe(true);
      expect(i.derivedNote).toMatch(new RegExp(`重点任务第${s.number}项`));
      expect([...i.leadUnitIds, ...i.coUnitIds]).toEqual(k.unitIds);
      expect(i.leadUnitIds).toHaveLength(1);
      if (s.units.length > 1) {
        expect(i.provenance?.leadUnitIds).toEqual({ derived: true, reason: expect.stringMatching(/未区分牵头与配合.*首个列出的单位牵头/) });
        expect(i.provenance?.leadUnitIds?.reason).toContain(s.units[0]);
      } else {
        expect(i.provenance?.leadUnitIds).toBeUndefined();
      }
      // A value the derived note says comes from the plan is printed in the task's content.
      // A value the derived note says comes from the plan is printed in the task's content: its numbers (with the unit
      // %, "不低于20%") and its words ("且不降低").
      if (/指标值取自方案原文/.test(i.derivedNote!)) {
        for (const n of i.target.match(/\d+(\.\d+)?/g) ?? []) expect([i.code, n, quotes(s.content, `${n}${i.unit === '%' ? '%' : ''}`)]).toEqual([i.code, n, true]);
        for (const w of i.target.split(/[≥≤]?\d+(?:\.\d+)?/).filter(Boolean)) expect([i.code, w, quotes(s.content, w)]).toEqual([i.code, w, true]);
      }
    });
  });

  it('every unit is one the plan names', () => {
    for (const u of t.units) expect([u.name, quotes(SEED, u.name)]).toEqual([u.name, true]);
    expect(t.units.find((u) => u.name === '各镇(街道)')?.kind).toBe('collective');
  });

  it('a monitoring phase from the issue date, then the 2023 review; the dates the plan does not print are derived', () => {
    expect(t.phases.map((p) => p.key)).toEqual(['monitoring', 'review']);
    expect(t.phases[0].start).toBe(t.issueDate);
    const ms = t.phases.flatMap((p) => p.milestones);
    const review = ms.find((m) => m.taskKind === 'review')!;
    expect(quotes(SEED, review.source!)).toBe(true);
    expect(review.due).toMatchObject({ date: '2023-12-31', approximate: true });
    expect(review.provenance?.due).toEqual({ derived: true, reason: expect.stringContaining('未写复核日期') });
    const keyTask = ms.find((m) => m.taskKind === 'key-task')!;
    expect(keyTask.due.offset).toBe('P1Y');
    expect(keyTask.provenance?.due?.reason).toContain('未规定重点任务完成时限');
    expect(ms.find((m) => m.taskKind === 'work-plan-issued')).toMatchObject({ owner: 'government', due: { date: '2021-07-14' } });
    expect(ms.map((m) => m.taskKind)).not.toContain('indicator');
    expect(t.source?.note).toContain('复核日期方案未定');
  });
});
