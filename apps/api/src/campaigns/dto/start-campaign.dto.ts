import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const ISO_DURATION = /^-?P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export class ReminderPolicyDto {
  @ApiPropertyOptional({ example: ['P3D', 'P1D'], description: 'reminders before the due date (whole days count working days)' })
  @IsOptional()
  @IsArray()
  @Matches(ISO_DURATION, { each: true, message: 'before: each entry must be an ISO-8601 duration such as P3D or PT5S' })
  before?: string[];

  @ApiPropertyOptional({ example: 'P1D' })
  @IsOptional()
  @Matches(ISO_DURATION, { message: 'overdueEvery must be an ISO-8601 duration such as P1D or PT5S' })
  overdueEvery?: string;

  @ApiPropertyOptional({ example: 'P3D' })
  @IsOptional()
  @Matches(ISO_DURATION, { message: 'escalateAfter must be an ISO-8601 duration such as P3D or PT10S' })
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

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'campaign start; milestone offsets count from it' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startAt?: string;

  @ApiPropertyOptional({ description: 'due dates by milestone key (ISO date-times), overriding the template', example: { 'materials-submitted': '2026-12-20T18:00:00+08:00' } })
  @IsOptional()
  @IsObject()
  schedule?: Record<string, string>;

  @ApiPropertyOptional({ type: ReminderPolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderPolicyDto)
  reminderPolicy?: ReminderPolicyDto;
}
