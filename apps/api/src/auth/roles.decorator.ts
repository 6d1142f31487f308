import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { ErrorDto } from '../common/error.dto';
import type { Role } from './actor';

export const ROLES_KEY = 'auth:roles';

/** Only callers holding at least one of these roles may use the route (403 otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiForbiddenResponse({ type: ErrorDto, description: `requires one of the roles: ${roles.join(', ')}` }));
