/**
 * Who answers for what (责任分工): the responsible units of an indicator (lead 牵头 / co 协办, with
 * sub-items' own units), and everything a given unit must act on in a template, expanding
 * collective units ("各街道办事处") into their members when the members are known.
 *
 * Pure: workflows import it.
 */
import type { CampaignTemplate, Indicator, KeyTask, VetoCondition } from '../template/template.schema';

export interface ResponsibleUnits {
  /** Lead units (牵头单位): the indicator's, then its sub-items' own, in order of appearance. */
  lead: string[];
  /** Co-units (协办单位) that are not also leads, in order of appearance. */
  co: string[];
  /** lead followed by co. */
  all: string[];
}

/** The shape responsibility is read from (an Indicator or a VetoCondition; sub-items optional). */
export interface HasResponsibleUnits {
  leadUnitIds: string[];
  coUnitIds?: string[];
  subItems?: { leadUnitIds?: string[]; coUnitIds?: string[] }[];
}

function dedupe(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

export function responsibleUnits(item: HasResponsibleUnits): ResponsibleUnits {
  const subs = item.subItems ?? [];
  const lead = dedupe([...item.leadUnitIds, ...subs.flatMap((s) => s.leadUnitIds ?? [])]);
  const leadSet = new Set(lead);
  const co = dedupe([...(item.coUnitIds ?? []), ...subs.flatMap((s) => s.coUnitIds ?? [])]).filter((id) => !leadSet.has(id));
  return { lead, co, all: [...lead, ...co] };
}

export interface CollectiveOptions {
  /**
   * Members of collective units, by collective id, overriding the template's `members` (e.g. the
   * office lists the sub-district offices that "各街道办事处" stands for when it starts a campaign).
   */
  members?: Record<string, string[]>;
}

/** Direct members of a collective unit, or undefined when it is not a collective with known members. */
function directMembers(template: Pick<CampaignTemplate, 'units'>, unitId: string, opts: CollectiveOptions): string[] | undefined {
  const given = opts.members?.[unitId];
  if (given && given.length) return given;
  const unit = template.units.find((u) => u.id === unitId);
  if (unit && unit.kind === 'collective' && unit.members && unit.members.length) return unit.members;
  return undefined;
}

/**
 * Replaces collective units by their (transitive) members where the members are known; other ids
 * are kept. Order of first appearance, de-duplicated.
 */
export function expandCollectives(template: Pick<CampaignTemplate, 'units'>, unitIds: string[], opts: CollectiveOptions = {}): string[] {
  const out: string[] = [];
  const visit = (id: string, path: Set<string>) => {
    const members = directMembers(template, id, opts);
    if (!members) {
      out.push(id);
      return;
    }
    if (path.has(id)) return; // a cycle in the membership data: ignore the repeated collective
    const next = new Set(path).add(id);
    for (const m of members) visit(m, next);
  };
  for (const id of unitIds) visit(id, new Set());
  return dedupe(out);
}

/** The collective units that (transitively) stand for `unitId`. */
export function collectivesContaining(template: Pick<CampaignTemplate, 'units'>, unitId: string, opts: CollectiveOptions = {}): string[] {
  const candidates = dedupe([...template.units.map((u) => u.id), ...Object.keys(opts.members ?? {})]);
  return candidates.filter((c) => c !== unitId && directMembers(template, c, opts) && expandCollectives(template, [c], opts).includes(unitId));
}

export type DutyRole = 'lead' | 'co';

export interface Duty {
  role: DutyRole;
  /** True when the unit is named itself (not only through a collective). */
  direct: boolean;
  /** Collective units through which the unit is named. */
  via: string[];
}

export interface IndicatorDuty extends Duty {
  indicator: Indicator;
  /** Labels of the sub-items that name the unit (empty when only the indicator itself does). */
  subItems: string[];
}

export interface VetoDuty extends Duty {
  veto: VetoCondition;
}

export interface KeyTaskDuty {
  keyTask: KeyTask;
  direct: boolean;
  via: string[];
}

export interface UnitDuties {
  unitId: string;
  indicators: IndicatorDuty[];
  vetoConditions: VetoDuty[];
  keyTasks: KeyTaskDuty[];
}

type Template = Pick<CampaignTemplate, 'units' | 'indicators' | 'vetoConditions' | 'keyTasks'>;

/**
 * Everything `unitId` must act on: indicators (as lead or co-unit, on the indicator or one of its
 * sub-items), veto conditions (attestation), key tasks — including those assigned to a collective
 * unit the unit belongs to. A unit named both as lead and as co-unit is a lead.
 */
export function unitsActingOn(template: Template, unitId: string, opts: CollectiveOptions = {}): UnitDuties {
  const collectives = new Set(collectivesContaining(template, unitId, opts));
  const match = (ids: string[] | undefined): { direct: boolean; via: string[] } | undefined => {
    const list = ids ?? [];
    const direct = list.includes(unitId);
    const via = list.filter((id) => collectives.has(id));
    return direct || via.length ? { direct, via } : undefined;
  };
  const combine = (lists: { lead?: string[]; co?: string[] }[]): Duty | undefined => {
    let role: DutyRole | undefined;
    let direct = false;
    const via: string[] = [];
    for (const l of lists) {
      const asLead = match(l.lead);
      const asCo = match(l.co);
      for (const [m, r] of [
        [asLead, 'lead'],
        [asCo, 'co'],
      ] as const) {
        if (!m) continue;
        role = role === 'lead' || r === 'lead' ? 'lead' : 'co';
        direct = direct || m.direct;
        via.push(...m.via);
      }
    }
    return role ? { role, direct, via: dedupe(via) } : undefined;
  };

  const indicators: IndicatorDuty[] = [];
  for (const indicator of template.indicators) {
    const duty = combine([{ lead: indicator.leadUnitIds, co: indicator.coUnitIds }, ...indicator.subItems.map((s) => ({ lead: s.leadUnitIds, co: s.coUnitIds }))]);
    if (!duty) continue;
    const subItems = indicator.subItems.filter((s) => match(s.leadUnitIds) || match(s.coUnitIds)).map((s) => s.label);
    indicators.push({ indicator, ...duty, subItems });
  }

  const vetoConditions: VetoDuty[] = [];
  for (const veto of template.vetoConditions) {
    const duty = combine([{ lead: veto.leadUnitIds, co: veto.coUnitIds }]);
    if (duty) vetoConditions.push({ veto, ...duty });
  }

  const keyTasks: KeyTaskDuty[] = [];
  for (const keyTask of template.keyTasks) {
    const m = match(keyTask.unitIds);
    if (m) keyTasks.push({ keyTask, ...m });
  }

  return { unitId, indicators, vetoConditions, keyTasks };
}
