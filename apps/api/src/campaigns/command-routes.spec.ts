/** The controller's action routes are the command registry's: one POST route per command, with its summary and body. */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { COMMAND_TYPES, COMMANDS } from '@eco/domain';
import { CampaignsController } from './campaigns.controller';
import { COMMAND_BODIES } from './dto/command-bodies';

const API_OPERATION = 'swagger/apiOperation'; // @nestjs/swagger's DECORATORS.API_OPERATION (not exported from its entry point)

describe('campaign action routes from the command registry', () => {
  const routes = new Map<string, { summary?: string; params: unknown[] }>();
  const proto = CampaignsController.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(CampaignsController.prototype)) {
    const handler = proto[name];
    if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
    routes.set(Reflect.getMetadata(PATH_METADATA, handler), {
      summary: Reflect.getMetadata(API_OPERATION, handler)?.summary,
      params: Reflect.getMetadata('design:paramtypes', CampaignsController.prototype, name) ?? [],
    });
  }

  it.each(COMMAND_TYPES)('%s has its POST route, its summary and its body', (type) => {
    const route = routes.get(COMMANDS[type].route);
    expect(route).toBeDefined();
    expect(route?.summary).toBe(COMMANDS[type].summary);
    expect(route?.params).toContain(COMMAND_BODIES[type]);
  });
});
