/**
 * The command registry is complete: every command module of this folder (`*.command.ts`) is listed once, with every
 * part (schema, Update, route, summary, access, validate, apply); CommandSchema, the policy, validation and
 * application are built from the list.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertNever, authorize } from '../policy';
import type { Actor } from '../engine/campaign-state';
import { COMMAND_LIST, COMMAND_TYPES, COMMANDS, CommandSchema, type AnyCommandModule as CommandModule, type Command } from './registry';

const office: Actor = { id: 'office-1', name: '办公室', roles: ['office'] };

describe('the command registry: every command, once', () => {
  it('lists every command module of the folder exactly once, each with every part', () => {
    const files = readdirSync(__dirname).filter((f) => f.endsWith('.command.ts'));
    const found = files.flatMap((f) => Object.values(jest.requireActual<Record<string, unknown>>(join(__dirname, f))).filter((v): v is CommandModule => typeof v === 'object' && v !== null && 'apply' in v && 'schema' in v));
    expect(found).toHaveLength(files.length); // one definition per file
    for (const m of found) expect((COMMAND_LIST as readonly CommandModule[]).filter((x) => x === m)).toHaveLength(1);
    expect(COMMAND_LIST).toHaveLength(files.length);
    for (const m of COMMAND_LIST) {
      expect(typeof m.type).toBe('string');
      expect(m.schema.shape.type.value).toBe(m.type);
      for (const part of ['update', 'route', 'summary'] as const) expect(m[part]).toMatch(/\S/);
      for (const part of ['access', 'validate', 'apply'] as const) expect(typeof m[part]).toBe('function');
      expect(COMMANDS[m.type]).toBe(m);
    }
    expect(new Set(COMMAND_TYPES).size).toBe(COMMAND_TYPES.length);
  });

  it('CommandSchema is the union of the modules\' schemas, in the list\'s order', () => {
    expect(CommandSchema.options).toEqual(COMMAND_LIST.map((m) => m.schema));
  });

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
    expect(probed).toEqual(['submit', 'approve', 'return', 'transfer', 'addApprover', 'moveDeadlines', 'recordExternalResult', 'confirmJoint', 'urge']);
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

  it("the policy's answer for a command is its module's access entry", () => {
    const leader: Actor = { id: 'leader-1', name: '领导', roles: ['leader'] };
    for (const type of COMMAND_TYPES) {
      const probe = COMMANDS[type].probe as ((taskId: string, now: number) => Command) | undefined;
      const command = (probe ? probe('t1', 1000) : { type }) as Command;
      const access = (COMMANDS[type] as CommandModule).access as (ctx: never, a: Actor, c: Command) => unknown;
      for (const who of [office, leader]) expect(authorize({ units: [], separationOfDuties: true }, who, { kind: 'command', command })).toEqual(access({ units: [], separationOfDuties: true } as never, who, command));
    }
  });

  it('an unknown command reaches assertNever (a command type without a module has no entry: it does not compile, and sent anyway it throws)', () => {
    expect(() => authorize({ units: [], separationOfDuties: true }, office, { kind: 'command', command: { type: 'no-such-command' } as unknown as Command })).toThrow(/unhandled case/);
    expect(() => assertNever('x' as never)).toThrow(/unhandled case/);
  });
});
