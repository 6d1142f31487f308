import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsISO8601, ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, IsUrl } from 'class-validator';

export const LEVELS = ['blue', 'yellow', 'red', 'escalation'] as const;

export class NotificationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) campaignId?: string;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: string;
  @ApiPropertyOptional({ description: 'only unread' }) @IsOptional() @Transform(({ value }) => value === true || value === 'true' || value === '1') @IsBoolean() unread?: boolean;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], description: 'notification ids to mark read' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^\d{1,18}$/, { each: true, message: 'ids must be notification ids' })
  ids?: string[];
  @ApiPropertyOptional({ description: 'mark every notification read' }) @IsOptional() @IsBoolean() all?: boolean;
}

export const PREF_CHANNELS = ['inapp', 'email', 'sms', 'robot'] as const;

export class PreferencesDto {
  @ApiProperty({ type: [String], enum: PREF_CHANNELS, description: 'channels you want reminders on (in-app is always on)' })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(PREF_CHANNELS, { each: true })
  channels: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'mobile number (for SMS and @mentions)' }) @IsOptional() @Matches(/^\+?\d{6,15}$/, { message: 'mobile must be digits (6–15)' }) mobile?: string | null;
}

export class RobotDto {
  @ApiProperty({ enum: ['dingtalk', 'wecom'] }) @IsIn(['dingtalk', 'wecom']) kind: 'dingtalk' | 'wecom';
  @ApiProperty({ enum: ['unit', 'organization'] }) @IsIn(['unit', 'organization']) scope: 'unit' | 'organization';
  @ApiProperty({ description: 'unit id or organization id' }) @IsString() @MaxLength(200) scopeId: string;
  @ApiProperty({ description: 'webhook URL (DingTalk …/robot/send?access_token=…, WeCom …/webhook/send?key=…)' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  webhook: string;
  @ApiPropertyOptional({ description: 'DingTalk 加签 secret (SEC…)' }) @IsOptional() @IsString() @MaxLength(200) secret?: string;
}

export class PageDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class ReminderQueryDto {
  @ApiPropertyOptional({ description: 'unit id (a unit user sees only their own unit)' }) @IsOptional() @IsString() @MaxLength(200) unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) taskId?: string;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: string;
  @ApiPropertyOptional({ description: 'scheduled at or after (ISO 8601)' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ description: 'scheduled before (ISO 8601)' }) @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ default: 200, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}
