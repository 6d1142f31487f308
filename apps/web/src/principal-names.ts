/**
 * Names of the people and units a screen mentions, kept apart by namespace: `user:<id>` → 姓名, `unit:<id>` → 单位名.
 * A unit id may equal a username (the demo's unit sx-gxj 县工业和信息化局 has a liaison account sx-gxj named 徐杰), so a
 * bare id is never looked up: a unit reads its unit's name, a person their own (walkthrough: 责任单位：徐杰).
 */
export type PrincipalNames = Map<string, string>;

export const unitKey = (id: string) => `unit:${id}`;
export const userKey = (id: string) => `user:${id}`;

/** A unit's name (县工业和信息化局), else its id. */
export function unitNameOf(names: PrincipalNames, id: string): string {
  return names.get(unitKey(id)) ?? id;
}

/** A person's name (徐杰), else their id. */
export function personNameOf(names: PrincipalNames, id: string): string {
  return names.get(userKey(id)) ?? id;
}

/**
 * One map from names by bare id, each in its namespace; the first name given for a key stays (list the more
 * authoritative source first).
 */
export function principalNames(parts: { people?: Iterable<readonly [string, string]>; units?: Iterable<readonly [string, string]> }[]): PrincipalNames {
  const m: PrincipalNames = new Map();
  const put = (key: string, name: string) => {
    if (name && !m.has(key)) m.set(key, name);
  };
  for (const p of parts) {
    for (const [id, name] of p.people ?? []) put(userKey(id), name);
    for (const [id, name] of p.units ?? []) put(unitKey(id), name);
  }
  return m;
}
