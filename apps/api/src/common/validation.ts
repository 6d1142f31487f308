import { ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidateBy, type ValidationArguments } from 'class-validator';

/**
 * How every request's path, query and body DTOs are validated: unknown fields refused (400), values converted to the
 * DTO's types. The global pipe (bootstrap.ts) and the early read path (campaigns/fast-reads.ts, for the queries it
 * serves) use these same options, so both decide alike.
 */
const VALIDATION_OPTIONS: ValidationPipeOptions = { whitelist: true, forbidNonWhitelisted: true, transform: true };

export function validationPipe(): ValidationPipe {
  return new ValidationPipe(VALIDATION_OPTIONS);
}

/**
 * An ISO 8601 text this server can turn into an instant. IsISO8601 also admits forms JavaScript's Date cannot read
 * (week dates `2024-W01`, the basic format `20240101`, `2024-01-01T10`), which reached PostgreSQL as an invalid date
 * and answered 500; used beside IsISO8601 (which gives the OpenAPI document its format).
 */
export function IsReadableInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isReadableInstant',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && Number.isFinite(Date.parse(v)),
      defaultMessage: (a?: ValidationArguments) => `${a?.property ?? 'value'} must be a date or date-time such as 2027-03-05 or 2027-03-05T09:00:00+08:00 / 日期格式无法识别`,
    },
  });
}
