import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { MOBILE_PATTERN, MOBILE_RULE_ZH, REMINDER_CHANNELS, REMINDER_LEVELS, REMINDER_PROBLEM_CODES, type ReminderProblemCode } from '@eco/domain';
import { IsISO8601, ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, IsUrl } from 'class-validator';
import { IsReadableInstant } from '../common/validation';

export const LEVELS = REMINDER_LEVELS;

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
  @Matches(/^\d{1,18}$/, { each: true, message: 'ids 须为通知编号 (ids must be notification ids)' })
  ids?: string[];
  @ApiPropertyOptional({ description: 'mark every notification read' }) @IsOptional() @IsBoolean() all?: boolean;
}

export class PreferencesDto {
  @ApiProperty({ type: [String], enum: REMINDER_CHANNELS, description: 'channels you want reminders on (in-app is always on)' })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(REMINDER_CHANNELS, { each: true })
  channels: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsEmail() email?: string | null;
  @ApiPropertyOptional({ nullable: true, pattern: MOBILE_PATTERN.source, description: 'mobile number (for SMS and @mentions)' }) @IsOptional() @Matches(MOBILE_PATTERN, { message: `${MOBILE_RULE_ZH} (mobile must be a mainland mobile number: 11 digits starting with 1)` }) mobile?: string | null;
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
  @ApiPropertyOptional({ description: "the organization the robot belongs to (a unit's: the organization whose unit it is); default: an organization robot's own id, else your organization" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organizationId?: string;
}

export class PageDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class ReminderQueryDto {
  @ApiPropertyOptional({ description: 'unit id (a unit user sees only their own unit)' }) @IsOptional() @IsString() @MaxLength(200) unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) taskId?: string;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: string;
  @ApiPropertyOptional({ description: 'scheduled at or after (ISO 8601)' }) @IsOptional() @IsISO8601() @IsReadableInstant() from?: string;
  @ApiPropertyOptional({ description: 'scheduled before (ISO 8601)' }) @IsOptional() @IsISO8601() @IsReadableInstant() to?: string;
  @ApiPropertyOptional({ default: 200, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'by scheduled time: oldest first (asc) or newest first (desc, the 催办记录 screen)' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}

// ---- answers ---------------------------------------------------------------------------------------------------

export class NotificationItemDto {
  @ApiProperty({ description: 'notification id (digits)' }) id: string;
  @ApiProperty({ example: 'reminder' }) kind: string;
  @ApiProperty({ type: String, nullable: true }) campaignId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the campaign's name (null when the campaign is gone)" }) campaignName: string | null;
  @ApiProperty({ type: String, nullable: true }) taskId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
  @ApiProperty({ type: String, nullable: true }) level: string | null;
  @ApiProperty() title: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, nullable: true, description: 'where the web application opens it' }) link: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty() read: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty({ description: 'its task waits for you now (it is in 我的待办: 去办理)' }) pending: boolean;
  @ApiProperty({ description: 'it asked you to act and its task no longer waits for you (已处理): not counted unread' }) done: boolean;
}

export class NotificationPageDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'unread and not done (已处理 items do not count)' }) unread: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: [NotificationItemDto] }) items: NotificationItemDto[];
}

export class MarkedDto {
  @ApiProperty({ type: 'integer', description: 'notifications newly marked read' }) marked: number;
}

export class UnavailableChannelDto {
  @ApiProperty({ enum: ['email', 'sms', 'robot'] }) channel: string;
  @ApiProperty({ example: '本系统尚未开通短信发送' }) reason: string;
}

export class PreferencesOutDto {
  @ApiProperty({ type: [String], enum: REMINDER_CHANNELS }) channels: string[];
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) mobile: string | null;
  @ApiProperty({ description: 'false while the defaults apply' }) chosen: boolean;
  @ApiProperty({ description: 'the account has an e-mail address of its own (used when email is empty)' }) accountEmail: boolean;
  @ApiProperty({ type: [UnavailableChannelDto], description: 'channels that reach nobody now (not configured on this deployment, or no group robot for your unit), with the reason in Chinese' })
  unavailable: UnavailableChannelDto[];
}

export class DeliveryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'email' }) channel: string;
  @ApiProperty() recipient: string;
  @ApiProperty({ type: String, nullable: true, description: "the person's name (null for a group robot)" }) recipientName: string | null;
  @ApiProperty({ description: 'masked for e-mail and SMS' }) address: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, format: 'date-time' }) sendAt: string;
  @ApiProperty({
    enum: ['pending', 'sending', 'sent', 'skipped', 'dead'],
    example: 'dead',
    description: "pending/sending: to go; sent: accepted by the channel; skipped: not sent — every item was done or out of date when it went (closed, never retried); dead: failed every retry (重新投递 sends it again)",
  })
  status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time' }) nextAttemptAt: string;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) subject: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class DeliveryPageDto {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
}

export class RobotOutDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['dingtalk', 'wecom'] }) kind: string;
  @ApiProperty({ enum: ['unit', 'organization'] }) scope: string;
  @ApiProperty() scopeId: string;
  @ApiProperty({ type: String, nullable: true, description: 'the organization it belongs to (null: set before robots belonged to one; used for nobody)' }) organizationId: string | null;
  @ApiProperty({ description: 'the webhook with its token masked' }) webhook: string;
  @ApiProperty({ description: 'a 加签 secret is set' }) signed: boolean;
}

export class NotificationProblemDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true }) taskId: string | null;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
  @ApiProperty() level: string;
  @ApiProperty({ example: 'unit:sx-gxj#liaison' }) recipientKey: string;
  @ApiProperty() reason: string;
  @ApiProperty({
    enum: REMINDER_PROBLEM_CODES,
    description:
      'why, as a code: no-liaison / no-responsible-leader (name one in post for the unit), no-role-user (no active user of the role), user-inactive (the step\'s own signer is deactivated: 转交 the step or re-enable the account), user-not-found, unknown-recipient, no-email (reached, but e-mail is on without an address)',
  })
  code: ReminderProblemCode;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}
