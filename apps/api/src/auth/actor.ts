import { type Actor as EngineActor, ROLES, type Role } from '@eco/domain';

/** Who is calling, from the verified bearer token (the same shape as the engine's Actor). */
export interface Actor {
  id: string;
  name: string;
  roles: Role[];
  /** The user's unit (required for role `unit`). */
  unitId?: string | null;
  /** The user's organization (tenant); null for system administrators. */
  organizationId?: string | null;
}

export { ROLES, type Role };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time check: the API's Actor and the engine's Actor stay interchangeable. */
export type _ActorMatchesEngineActor = Assert<Same<Actor, EngineActor>>;
