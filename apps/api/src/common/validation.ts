import { ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

/**
 * How every request's path, query and body DTOs are validated: unknown fields refused (400), values converted to the
 * DTO's types. The global pipe (bootstrap.ts) and the early read path (campaigns/fast-reads.ts, for the queries it
 * serves) use these same options, so both decide alike.
 */
const VALIDATION_OPTIONS: ValidationPipeOptions = { whitelist: true, forbidNonWhitelisted: true, transform: true };

export function validationPipe(): ValidationPipe {
  return new ValidationPipe(VALIDATION_OPTIONS);
}
