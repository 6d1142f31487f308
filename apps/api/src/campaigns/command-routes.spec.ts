/**
 * The controller's action routes are the command registry's: one POST route per command, with its summary, and its
 * request body validated by and documented from the command module's zod body (no DTO class).
 */
import { BadRequestException, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { COMMAND_LIST, COMMAND_TYPES, COMMANDS } from '@eco/domain';
import { CampaignsController, COMMAND_METHODS } from './campaigns.controller';
import { commandBodySchema } from './command-body';

const API_OPERATION = 'swagger/apiOperation'; // @nestjs/swagger's DECORATORS (not exported from its entry point)
const API_PARAMETERS = 'swagger/apiParameters';

type Pipe = { transform(v: unknown, m?: unknown): unknown };

describe('campaign action routes from the command registry', () => {
  const routes = new Map<string, { method: string; summary?: string; body?: { schema?: { $ref?: string }; required?: boolean }; pipes: Pipe[] }>();
  const proto = CampaignsController.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(CampaignsController.prototype)) {
    const handler = proto[name];
    if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, CampaignsController, name) ?? {}) as Record<string, { pipes?: Pipe[] }>;
    routes.set(Reflect.getMetadata(PATH_METADATA, handler), {
      method: name,
      summary: Reflect.getMetadata(API_OPERATION, handler)?.summary,
      body: (Reflect.getMetadata(API_PARAMETERS, handler) ?? []).find((p: { in?: string }) => p.in === 'body'),
      pipes: Object.values(args).flatMap((a) => a.pipes ?? []),
    });
  }

  it.each(COMMAND_TYPES)('%s has its POST route, its summary and its module\'s body', (type) => {
    const route = routes.get(COMMANDS[type].route);
    expect(route?.method).toBe(COMMAND_METHODS[type]);
    expect(route?.summary).toBe(COMMANDS[type].summary);
    expect(route?.body).toMatchObject({ required: true, schema: { $ref: `#/components/schemas/${COMMANDS[type].http.name}` } });
    // the body is checked by the module's schema: an unknown field is refused with 400
    const pipe = route?.pipes.find((p) => p.constructor.name === 'CommandBodyPipe');
    expect(pipe).toBeDefined();
    expect(() => pipe!.transform({ noSuchField: 1 })).toThrow(BadRequestException);
  });

  it('documents each body by the JSON Schema of its zod schema, one name per schema', () => {
    const byName = new Map<string, unknown>();
    for (const m of COMMAND_LIST) {
      const schema = commandBodySchema(m.type);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      if (byName.has(m.http.name)) expect(schema).toEqual(byName.get(m.http.name)); // ReasonDto: pause and cancel
      byName.set(m.http.name, schema);
    }
    expect(commandBodySchema('return')).toMatchObject({ required: ['reason'], properties: { reason: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' } } });
  });
});
