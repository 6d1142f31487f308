import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { RESPONSIBILITY_MODES, type ResponsibilityOverride } from '@eco/domain';
import { Allow, IsArray, IsBoolean, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const ISO_DURATION = /^-?P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
/** ISO_DURATION without look-ahead, for the OpenAPI schema (JSON Schema patterns are read by tools without it). */
const TIME = 'T(\\d+H(\\d+M)?(\\d+(\\.\\d+)?S)?|\\d+M(\\d+(\\.\\d+)?S)?|\\d+(\\.\\d+)?S)';
export const ISO_DURATION_PATTERN = `^-?P(\\d+W(\\d+D)?(${TIME})?|\\d+D(${TIME})?|${TIME})$`;

export class ReminderPolicyDto {
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', pattern: ISO_DURATION_PATTERN }, example: ['P3D', 'P1D'], description: 'reminders before the due date (whole days count working days)' })
  @IsOptional()
  @IsArray()
  @Matches(ISO_DURATION, { each: true, message: 'before 的每一项须为 ISO 8601 时长，如 P3D、PT5S (before: each entry must be an ISO-8601 duration such as P3D or PT5S)' })
  before?: string[];

  @ApiPropertyOptional({ example: 'P1D', pattern: ISO_DURATION_PATTERN })
  @IsOptional()
  @Matches(ISO_DURATION, { message: 'overdueEvery 须为 ISO 8601 时长，如 P1D、PT5S (overdueEvery must be an ISO-8601 duration such as P1D or PT5S)' })
  overdueEvery?: string;

  @ApiPropertyOptional({ example: 'P3D', pattern: ISO_DURATION_PATTERN })
  @IsOptional()
  @Matches(ISO_DURATION, { message: 'escalateAfter 须为 ISO 8601 时长，如 P3D、PT10S (escalateAfter must be an ISO-8601 duration such as P3D or PT10S)' })
  escalateAfter?: string;
}

export class StartCampaignDto {
  @ApiProperty({ example: 'yanzhou-2023' })
  @IsString()
  @MinLength(1)
  templateId: string;

  @ApiPropertyOptional({ example: '兖州区2026年创建工作' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T09:00:00+08:00', description: 'campaign start (default: now; with schedule "published": the plan\'s issue date); every due date is computed forward from it' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startAt?: string;

  @ApiPropertyOptional({
    description:
      '"published" runs on the plan\'s published dates; or an object overriding single milestones: key → date (YYYY-MM-DD = end of that day, Asia/Shanghai) or ISO date-time. Overrides must come after the steps they follow; their dependants are planned from them.',
    oneOf: [{ type: 'string', enum: ['published'] }, { type: 'object', additionalProperties: { type: 'string' } }],
    example: { materials: '2026-12-20' },
  })
  @IsOptional()
  @Allow()
  schedule?: Record<string, string> | 'published';

  @ApiPropertyOptional({ description: 'the campaign is taken over in progress: past due dates are accepted (no catch-up reminders); list the steps already done in `done`' })
  @IsOptional()
  @IsBoolean()
  takeOver?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'with takeOver: milestone keys already done (their tasks start completed)', example: ['work-plan-issued', 'leadership-group'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  done?: string[];

  @ApiPropertyOptional({
    description:
      'per-indicator responsibility chosen by the office (indicator code → { leadUnitId } to set or change the lead, { mode: "split", leadUnitIds } for several leads each with its own part, { mode: "joint" } for one task shared by every listed unit); every unit must be among the indicator\'s units (400 naming it otherwise)',
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { mode: { type: 'string', enum: [...RESPONSIBILITY_MODES] }, leadUnitId: { type: 'string' }, leadUnitIds: { type: 'array', items: { type: 'string' } } },
    },
    example: { '2': { leadUnitId: 'yz-zfb' }, '3': { mode: 'joint' } },
  })
  @IsOptional()
  @Allow()
  responsibility?: Record<string, ResponsibilityOverride>;

  @ApiPropertyOptional({ type: ReminderPolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto;
}
