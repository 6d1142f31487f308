/**
 * The command registry is complete: one entry per command of CommandSchema, each with its own schema, Update name and
 * route; the access policy answers every command (its switch ends in assertNever).
 */
import { assertNever, authorize } from '../policy';
import type { Actor } from './campaign-state';
import { COMMAND_TYPES, COMMANDS } from './command-registry';
import { CommandSchema, type Command } from './command.schema';

const office: Actor = { id: 'office-1', name: '办公室', roles: ['office'] };

describe('the command registry: every command, once', () => {
  it('has exactly the command types of CommandSchema, each with the schema of its own type', () => {
    const schemaTypes = CommandSchema.options.map((o) => o.shape.type.value).sort();
    expect([...COMMAND_TYPES].sort()).toEqual(schemaTypes);
    for (const o of CommandSchema.options) {
      const def = COMMANDS[o.shape.type.value];
      expect(def.type).toBe(o.shape.type.value);
      expect(def.schema).toBe(o);
    }
  });

  it('gives each command its own Update name and route', () => {
    const updates = COMMAND_TYPES.map((t) => COMMANDS[t].update);
    const routes = COMMAND_TYPES.map((t) => COMMANDS[t].route);
    expect(new Set(updates).size).toBe(updates.length);
    expect(new Set(routes).size).toBe(routes.length);
    for (const t of COMMAND_TYPES) expect(COMMANDS[t].summary).toMatch(/^\S+ — /); // Chinese name — what it does
  });

  it("a task-level command's probe is a valid command of its type", () => {
    const probed = COMMAND_TYPES.filter((t) => COMMANDS[t].probe);
    expect(probed).toEqual(['submit', 'approve', 'return', 'transfer', 'addApprover', 'moveDeadlines', 'confirmJoint']);
    for (const t of probed) {
      const c = (COMMANDS[t].probe as (taskId: string, now: number) => Command)('t1', 1000);
      expect(c.type).toBe(t);
      expect(COMMANDS[t].schema.safeParse(c).success).toBe(true);
    }
  });
});

describe('the access policy answers every registered command', () => {
  it.each(COMMAND_TYPES)('%s: allowed or refused with a reason, never unhandled', (type) => {
    const probe = COMMANDS[type].probe as ((taskId: string, now: number) => Command) | undefined;
    const command = (probe ? probe('t1', 1000) : { type }) as Command;
    const d = authorize({ units: [], separationOfDuties: true }, office, { kind: 'command', command });
    expect(d.allowed || (typeof d.reason === 'string' && d.reason.length > 0)).toBe(true);
  });

  it('an unknown command reaches assertNever (the switch is exhaustive: a new command type does not compile until the policy covers it)', () => {
    expect(() => authorize({ units: [], separationOfDuties: true }, office, { kind: 'command', command: { type: 'noop' } as unknown as Command })).toThrow(/unhandled case/);
    expect(() => assertNever('x' as never)).toThrow(/unhandled case/);
  });
});
