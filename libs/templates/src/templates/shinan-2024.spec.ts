/**
 * shinan-2024 against its plan (seed 004): every item of 三、重点任务 (1–22 and the seven veto conditions of 23) and of
 * 四、不涉及但需出具证明的指标 (C1–C10) is read from the seed text and compared with the template: section, name,
 * description, targets and units as quoted, 牵头单位 and 协办单位 in the order printed (per sub-item where the plan
 * splits them), 依据职责分别牵头, and the binding flags the plan does not print marked derived.
 */
import * as path from 'path';
import type { CampaignTemplate, Derivation, Indicator } from '@eco/domain';
import { loadTemplateFile } from '../template-loader';
import { norm, quotes, readSeed } from './seed-text';

const SEED = readSeed('004_3080dd013171406c.txt');
const LINES = SEED.split('\n').map((l) => l.trim()).filter(Boolean);
const at = (prefix: string) => LINES.findIndex((l) => l.startsWith(prefix));

interface Part {
  label: string;
  text: string[];
  lead?: string;
  co?: string;
}
interface Item extends Part {
  section: string;
  subs: Part[];
}

/** Items "N.…" with their "(n)…" sub-items and 牵头单位/协办单位 lines, from `from` up to `to`. */
function seedItems(from: string, to: string): Item[] {
  const items: Item[] = [];
  let section = LINES[at(from)];
  let part: Part | undefined;
  for (const line of LINES.slice(at(from) + 1, at(to))) {
    const sec = /^\(([一二三四五六七八九十])\)/.exec(line);
    const item = /^(\d+)\.(.*)$/.exec(line);
    const sub = /^\((\d)\)(.*)$/.exec(line);
    const unit = /^(牵头|协办)单位:(.*)$/.exec(line);
    if (sec) section = line;
    else if (item) {
      const it: Item = { label: item[1], text: [item[2]], section, subs: [] };
      items.push(it);
      part = it;
    }
    else if (sub) items.at(-1)!.subs.push((part = { label: `(${sub[1]})`, text: [sub[2]] }));
    else if (unit) part![unit[1] === '牵头' ? 'lead' : 'co'] = unit[2];
    else part!.text.push(line);
  }
  return items;
}

const ITEMS = seedItems('三、重点任务', '四、');
const CERTS = seedItems('四、', '五、工作安排');
const SPLIT = '依据职责分别牵头';
const HANDOVER = /对接.*落实该项指标$/;
const fullText = (i: Item) => [...i.text, ...i.subs.flatMap((s) => [s.label + s.text[0], ...s.text.slice(1)])].join('');

describe('shinan-2024 template against its plan (seed 004, 青岛市市南区)', () => {
  let t: CampaignTemplate;
  const ind = (code: string): Indicator => t.indicators.find((i) => i.code === code)!;
  const unitNamed = (seedName: string) => t.units.find((u) => norm(u.name) === norm(seedName));

  /**
   * The units of a 牵头/协办 line, in order, as ids. A name the template does not carry as printed (生态环境局市南分局 for
   * 市生态环境局市南分局) needs a derived mark on that field whose reason quotes the printed name.
   */
  const idsOf = (line: string | undefined, derived: Derivation | undefined): string[] =>
    (line ?? '')
      .replace(SPLIT, '')
      .replace(HANDOVER, '')
      .split(/[、,，]/)
      .filter(Boolean)
      .map((n) => {
        const u = unitNamed(n);
        if (u) return u.id;
        expect([n, derived?.reason]).toEqual([n, expect.stringContaining(`“${n}”`)]);
        const [, meant] = /按(.+?)处理/.exec(derived!.reason) ?? [];
        const resolved = t.units.find((x) => x.name === meant);
        expect([n, resolved?.id]).toEqual([n, expect.any(String)]);
        return resolved!.id;
      });

  beforeAll(async () => {
    t = await loadTemplateFile(path.resolve(__dirname, '../../data/shinan-2024.json'));
  });

  it('carries the document metadata as the plan prints it', () => {
    expect(t.source?.file).toBe('004_3080dd013171406c.txt');
    expect(quotes(SEED, `发文字号:${t.documentNumber}`)).toBe(true);
    expect(quotes(SEED, `成文日期:${t.issueDate}`)).toBe(true);
    expect(quotes(SEED, `${t.documentNumber}${t.issuingAuthority}关于印发${t.name.replace(/^市南区/, '市南区')}的通知`)).toBe(true);
    expect(quotes(SEED, '已经区政府同意，现印发给你们')).toBe(true);
    for (const part of t.goal.split('。').filter(Boolean)) expect([part, quotes(SEED, part)]).toEqual([part, true]);
    expect(quotes(SEED, t.leadershipGroup.description!.split('，')[0])).toBe(true);
    for (const a of t.accountability) expect([a, quotes(SEED, a.replace(/。$/, ''))]).toEqual([a, true]);
  });

  it('reads 23 items and 10 certificate items from the seed; 1–22 are indicators, 23 is the veto list', () => {
    expect(ITEMS.map((i) => i.label)).toEqual(Array.from({ length: 23 }, (_, k) => String(k + 1)));
    expect(CERTS.map((i) => i.label)).toEqual(Array.from({ length: 10 }, (_, k) => String(k + 1)));
    expect(t.indicators.map((i) => i.code)).toEqual([...ITEMS.slice(0, 22).map((i) => i.label), ...CERTS.map((c) => `C${c.label}`)]);
  });

  describe.each(ITEMS.slice(0, 22))('item $label', (item) => {
    it('section, name, description, targets and units as printed', () => {
      const i = ind(item.label);
      const text = fullText(item);
      expect(norm(i.section!)).toBe(norm(item.section));
      expect(norm(item.text[0]).startsWith(norm(i.name))).toBe(true);
      if (i.description) expect([i.code, quotes(text, i.description)]).toEqual([i.code, true]);
      // A value with unit % is printed with it ("≥20%"), unless the unit is marked derived (the plan prints no unit).
      const printed = (v: string, unit: string | undefined) => quotes(text, v) && (unit !== '%' || !!i.provenance?.unit || quotes(text, `${v}%`));
      if (i.provenance?.target) expect(i.provenance.target.reason).toBeTruthy();
      else if (i.subItems.length && i.target.includes('；')) expect(i.target).toBe(i.subItems.map((s) => `${s.label}${s.target}`).join('；'));
      // A target of several clauses (；) quotes each clause.
      else for (const clause of i.target.split('；')) expect([i.code, clause, printed(clause, i.unit)]).toEqual([i.code, clause, true]);
      if (i.unit !== '-' && !i.provenance?.unit) {
        const values = i.subItems.length && i.target.includes('；') ? i.subItems.map((s) => s.target!) : [i.target];
        expect([i.code, values.some((v) => quotes(text, `${v}${i.unit}`))]).toEqual([i.code, true]);
      }
      expect(i.applicability).toBe('applicable');
      expect(i.derived).toBe(false);
    });

    it('牵头单位 and 协办单位 in the order printed, split leads where the plan says 依据职责分别牵头', () => {
      const i = ind(item.label);
      if (item.subs.some((s) => s.lead)) {
        expect(i.subItems.map((s) => s.label)).toEqual(item.subs.map((s) => s.label));
        item.subs.forEach((s, k) => {
          const sub = i.subItems[k];
          expect(norm(s.text[0]).startsWith(norm(sub.name))).toBe(true);
          if (sub.target !== undefined) expect([sub.label, quotes(s.text.join(''), sub.target) && (sub.unit !== '%' || quotes(s.text.join(''), `${sub.target}%`))]).toEqual([sub.label, true]);
          expect([sub.label, sub.leadUnitIds]).toEqual([sub.label, idsOf(s.lead, undefined)]);
          expect([sub.label, sub.coUnitIds]).toEqual([sub.label, idsOf(s.co, undefined)]);
        });
        // The indicator's own lists are the union of its parts: not printed as such, so marked derived.
        expect(new Set(i.leadUnitIds)).toEqual(new Set(i.subItems.flatMap((s) => s.leadUnitIds ?? [])));
        expect(new Set(i.coUnitIds)).toEqual(new Set(i.subItems.flatMap((s) => s.coUnitIds ?? [])));
        expect(i.provenance?.leadUnitIds?.derived).toBe(true);
        expect(i.provenance?.coUnitIds?.derived).toBe(true);
      } else {
        expect(i.leadUnitIds).toEqual(idsOf(item.lead, i.provenance?.leadUnitIds));
        expect(i.coUnitIds).toEqual(idsOf(item.co, i.provenance?.coUnitIds));
        if (HANDOVER.test(item.lead ?? '')) expect(quotes(i.remarks ?? '', item.lead!)).toBe(true);
      }
      const split = [item.lead, ...item.subs.map((s) => s.lead)].some((l) => l?.includes(SPLIT));
      expect([i.code, i.leadMode === 'split']).toEqual([i.code, split]);
    });

    it('binding flag: the plan marks only (六) as 参考性; every other item is binding, marked derived', () => {
      const i = ind(item.label);
      if (item.section === '(六)参考性指标') {
        expect(i.attribute).toBe('reference');
        expect(i.provenance?.attribute).toBeUndefined();
      } else {
        expect(i.attribute).toBe('binding');
        expect(i.provenance?.attribute).toEqual({ derived: true, reason: expect.stringContaining('（六）参考性指标') });
      }
    });
  });

  describe.each(CERTS)('certificate item 四-$label', (item) => {
    it('name, target and units as printed; certificate only; binding marked derived', () => {
      const i = ind(`C${item.label}`);
      const text = item.text.join('');
      expect(norm(text).startsWith(norm(i.name))).toBe(true);
      expect([i.code, quotes(text, i.target) && (i.unit !== '%' || quotes(text, `${i.target}%`))]).toEqual([i.code, true]);
      if (i.description) expect(quotes(text, i.description)).toBe(true);
      expect(i).toMatchObject({ applicability: 'certificate-only', attribute: 'binding', section: LINES[at('四、')] });
      expect(i.provenance?.attribute?.derived).toBe(true);
      expect(i.leadUnitIds).toEqual(idsOf(item.lead, i.provenance?.leadUnitIds));
      expect(i.coUnitIds).toEqual(idsOf(item.co, i.provenance?.coUnitIds));
      // Several leads of a certificate each issue their own: the plan does not say 分别, so that reading is derived.
      if (i.leadUnitIds.length > 1) expect([i.leadMode, i.provenance?.leadMode?.derived]).toEqual(['split', true]);
      else expect(i.leadMode).toBeUndefined();
    });
  });

  it('item 23: the seven veto conditions word for word, with the look-back and the units printed', () => {
    const item = ITEMS[22];
    expect(quotes(item.text[0], `近${t.vetoConditions[0].lookBackYears}年存在下列情况的地区不得提出验收申请`)).toBe(true);
    expect(item.subs).toHaveLength(7);
    expect([item.lead, item.subs.slice(0, 6).map((x) => x.lead ?? null)]).toEqual([undefined, [null, null, null, null, null, null]]);
    expect(t.vetoConditions.map((v) => v.code)).toEqual(item.subs.map((_, k) => `23.${k + 1}`));
    item.subs.forEach((s, k) => {
      const v = t.vetoConditions[k];
      expect([v.code, norm(v.text)]).toEqual([v.code, norm(s.text.join('').replace(/[;；。]$/, ''))]);
      expect(v.lookBackYears).toBe(3);
      // The 牵头/协办 lines follow condition (7) and hold for all seven.
      expect(v.leadUnitIds).toEqual(idsOf(item.subs[6].lead, v.provenance?.leadUnitIds));
      expect(v.coUnitIds).toEqual(idsOf(item.subs[6].co, v.provenance?.coUnitIds));
    });
  });

  it('every unit is named by the plan; the members of 各牵头单位 are derived from the leads of 三 and 四', () => {
    for (const u of t.units) expect([u.name, quotes(SEED, u.name)]).toEqual([u.name, true]);
    const leads = t.units.find((u) => u.name === '各牵头单位')!;
    expect(new Set(leads.members)).toEqual(new Set(t.indicators.flatMap((i) => i.leadUnitIds)));
    expect(leads.provenance?.members).toEqual({ derived: true, reason: expect.stringContaining('各牵头单位') });
  });

  it('follows 五、工作安排; the naming date is not printed and is marked derived', () => {
    expect(t.phases.map((p) => [p.key, p.name, p.start, p.end])).toEqual([
      ['mobilization', '动员部署，广泛发动', undefined, '2024-02-29'],
      ['implementation', '全面启动，完成自查', '2024-03-01', '2024-04-30'],
      ['application', '修改完善，迎接省级审核、国家审核', '2024-05-01', '2024-05-30'],
    ]);
    for (const p of t.phases) expect(quotes(SEED, p.name)).toBe(true);
    const ms = t.phases.flatMap((p) => p.milestones);
    expect(ms.map((m) => m.taskKind)).not.toContain('work-plan-issued');
    const naming = ms.find((m) => m.taskKind === 'naming')!;
    expect(naming.due.date).toBe('2024-12-31');
    expect(naming.provenance?.due).toEqual({ derived: true, reason: expect.stringMatching(/未写命名日期.*2024年底推定/) });
    expect(quotes(SEED, naming.source!)).toBe(true);
    expect(t.source?.note).toMatch(/命名.*2024年底/);
    expect(quotes(SEED, t.materialsList!.description)).toBe(true);
  });
});
