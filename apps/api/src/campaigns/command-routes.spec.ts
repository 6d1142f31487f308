/** The controller's action routes are the command registry's: one POST route per command, with its summary. */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
const API_OPERATION = 'swagger/apiOperation'; // @nestjs/swagger's DECORATORS.API_OPERATION (not exported from its entry point)
import { COMMAND_TYPES, COMMANDS } from '@eco/domain';
import { CampaignsController } from './campaigns.controller';

describe('campaign action routes from the command registry', () => {
  const routes = new Map<string, string | undefined>();
  for (const name of Object.getOwnPropertyNames(CampaignsController.prototype)) {
    const handler = (CampaignsController.prototype as unknown as Record<string, unknown>)[name];
    if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST) continue;
    routes.set(Reflect.getMetadata(PATH_METADATA, handler), Reflect.getMetadata(API_OPERATION, handler)?.summary);
  }

  it.each(COMMAND_TYPES)('%s has its POST route with its summary', (type) => {
    expect(routes.has(COMMANDS[type].route)).toBe(true);
    expect(routes.get(COMMANDS[type].route)).toBe(COMMANDS[type].summary);
  });
});
