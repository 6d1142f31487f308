/**
 * Recipients are people: the engine's recipient keys (`unit:<id>`, `unit-leader:<id>`, `role:<role>`, `user:<id>`)
 * resolve to named, active users of the campaign's organization. Pure.
 *  - `unit:<id>` → the unit's liaisons (联络员);
 *  - `unit-leader:<id>` → the unit's responsible leaders (分管负责人);
 *  - second escalation (`role:leader` + `role:office` on an escalation n=2) → the group leader(s) (组长) and the
 *    office director(s) (办公室主任) when the directory designates them, else every active user of the role;
 *  - other `role:<r>` → every active user with that role; `user:<id>` → that user when active.
 * A key that yields nobody is returned in `unresolved` with a reason (never dropped silently).
 */
import type { OrganizationDirectory, ReminderProblemCode } from '@eco/domain';

export interface Person {
  id: string;
  name: string;
  active: boolean;
  unitId: string | null;
  email: string | null;
  mobile: string | null;
}

export interface RecipientDirectory {
  user(id: string): Person | undefined;
  liaisons(unitId: string): Person[];
  responsibleLeaders(unitId: string): Person[];
  withRole(role: string): Person[];
  /** 组长 (empty when the directory does not designate one: then every leader). */
  groupLeaders(): Person[];
  /** 办公室主任 (empty when not designated: then every office user). */
  officeDirectors(): Person[];
  unitName(unitId: string): string | undefined;
}

export interface ReminderToResolve {
  level: string;
  n?: number;
  recipients: string[];
}

export interface Resolved {
  people: { person: Person; via: string }[];
  /** Keys that yielded nobody: why in words (`reason`, for people and logs) and as a code (what to do follows it). */
  unresolved: { key: string; reason: string; code: ReminderProblemCode }[];
}

const active = (ps: Person[]) => ps.filter((p) => p.active);

export function resolveRecipients(r: ReminderToResolve, dir: RecipientDirectory): Resolved {
  const out: Resolved = { people: [], unresolved: [] };
  const seen = new Set<string>();
  const secondEscalation = r.level === 'escalation' && (r.n ?? 1) >= 2;
  for (const key of r.recipients) {
    const [kind, ...rest] = key.split(':');
    const id = rest.join(':');
    let found: Person[] = [];
    let reason = '';
    let code: ReminderProblemCode = 'unknown-recipient';
    switch (kind) {
      case 'unit':
        found = active(dir.liaisons(id));
        reason = `单位「${dir.unitName(id) ?? id}」未设置在岗的联络员 (unit ${id} has no active liaison)`;
        code = 'no-liaison';
        break;
      case 'unit-leader':
        found = active(dir.responsibleLeaders(id));
        reason = `单位「${dir.unitName(id) ?? id}」未设置在岗的分管负责人 (unit ${id} has no active responsible leader)`;
        code = 'no-responsible-leader';
        break;
      case 'role': {
        if (secondEscalation && id === 'leader') found = active(dir.groupLeaders());
        else if (secondEscalation && id === 'office') found = active(dir.officeDirectors());
        if (!found.length) found = active(dir.withRole(id));
        reason = `本组织没有在岗的「${ROLE_LABELS[id] ?? id}」用户 (no active user with role ${id})`;
        code = 'no-role-user';
        break;
      }
      case 'user': {
        const u = dir.user(id);
        found = u && u.active ? [u] : [];
        reason = u ? `用户「${u.name}」已停用 (user ${id} is inactive)` : `用户 ${id} 不存在 (user ${id} not found)`;
        code = u ? 'user-inactive' : 'user-not-found';
        break;
      }
      default:
        reason = `无法识别的接收人 ${key} (unknown recipient key)`;
    }
    if (!found.length) out.unresolved.push({ key, reason, code });
    for (const p of found) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      out.people.push({ person: p, via: key });
    }
  }
  return out;
}

export const ROLE_LABELS: Record<string, string> = { admin: '管理员', office: '领导小组办公室', leader: '领导小组领导', unit: '责任单位', expert: '专家', inspector: '核查人员' };

/** A directory built from plain lists (used by the persistence adapter and by tests). */
export class ListDirectory implements RecipientDirectory {
  private readonly byId: Map<string, Person>;
  constructor(
    private readonly d: {
      people: (Person & { roles: string[] })[];
      units: { unitId: string; name?: string; liaisons: string[]; responsibleLeaders: string[] }[];
      groupLeaders?: string[];
      officeDirectors?: string[];
    },
  ) {
    this.byId = new Map(d.people.map((p) => [p.id, p]));
  }
  private pick(ids: string[] | undefined): Person[] {
    return (ids ?? []).map((i) => this.byId.get(i)).filter((p): p is Person => !!p);
  }
  user(id: string) {
    return this.byId.get(id);
  }
  liaisons(unitId: string) {
    return this.pick(this.d.units.find((u) => u.unitId === unitId)?.liaisons);
  }
  responsibleLeaders(unitId: string) {
    return this.pick(this.d.units.find((u) => u.unitId === unitId)?.responsibleLeaders);
  }
  withRole(role: string) {
    return this.d.people.filter((p) => p.roles.includes(role));
  }
  groupLeaders() {
    return this.pick(this.d.groupLeaders);
  }
  officeDirectors() {
    return this.pick(this.d.officeDirectors);
  }
  unitName(unitId: string) {
    return this.d.units.find((u) => u.unitId === unitId)?.name;
  }
}

/**
 * The people of an organization as the router resolves recipients over them: the tenancy directory (users, unit
 * liaisons, 分管负责人) — for the notification router, and for the task read's 待处理人员 (who a 催办 would reach).
 */
export function toRecipientDirectory(d: OrganizationDirectory | null): ListDirectory {
  if (!d) return new ListDirectory({ people: [], units: [] });
  return new ListDirectory({
    people: d.users.map((u) => ({ id: u.id, name: u.name, roles: u.roles, unitId: u.unitId, active: u.active, email: u.email, mobile: u.phone })),
    units: d.units.map((u) => ({ unitId: u.unitId, name: u.name, liaisons: u.liaisons, responsibleLeaders: u.responsibleLeaders })),
  });
}
