/**
 * 单位与联络员's own filter (the organization's units are read at once, a few dozen): a text finds a unit by its name
 * or id; 只看未指定联络员 keeps those whose reminders reach nobody yet — what 无人接收的提醒 sends the office to mend.
 */
export interface FilterableUnit {
  unitId: string;
  name: string;
  liaisons: readonly unknown[];
}

export function filterUnits<U extends FilterableUnit>(units: readonly U[], text: string | undefined, noLiaison: boolean): U[] {
  const t = text?.trim().toLowerCase();
  return units.filter((u) => (!t || u.name.toLowerCase().includes(t) || u.unitId.toLowerCase() === t) && (!noLiaison || u.liaisons.length === 0));
}
