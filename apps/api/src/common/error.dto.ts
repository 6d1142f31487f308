import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOGIN_REFUSALS, type LoginRefusal } from '@eco/domain';

/** The one error shape of the API (see HttpErrorFilter). */
export class ErrorDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['密码至少 8 位 (password must be at least 8 characters)'],
    description: 'the reason; for invalid bodies, one entry per problem naming the field',
  })
  message: string | string[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'itemised problems, e.g. `{ path, reason }` for templates or `{ sheet, row, column, reason }` for Excel imports',
  })
  reasons?: Record<string, unknown>[];

  @ApiPropertyOptional({
    enum: LOGIN_REFUSALS,
    description: 'why a sign-in was refused (POST /api/auth/login): bad-credentials, disabled (401), locked, throttled (429)',
  })
  code?: LoginRefusal;
}
