import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsReadableInstant, OnlyWhen } from '../../common/validation';
import { ACTION_LABEL, AUDIT_OUTCOMES, INBOX_NEEDS, OVERDUE_WAITS, PHASE_KEYS, PUBLIC_TASK_STATUSES, TASK_KINDS, type InboxNeed, type OverdueWait } from '@eco/domain';

/** Every action an audit entry can carry (the commands', the engine's and the API's own): the audit's action filter takes these only. */
export const AUDIT_ACTION_CODES = Object.keys(ACTION_LABEL);

/* The command routes' request bodies are generated from the command modules' zod schemas (../command-body.ts). */

export class TaskQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unitId?: string;
  @ApiPropertyOptional({ enum: PUBLIC_TASK_STATUSES })
  @IsOptional()
  @IsIn(PUBLIC_TASK_STATUSES)
  status?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(PHASE_KEYS) phase?: string;
  @ApiPropertyOptional({ enum: TASK_KINDS }) @IsOptional() @IsIn(TASK_KINDS) kind?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only overdue (true) or not overdue (false) tasks' }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ enum: OVERDUE_WAITS, description: 'only overdue tasks waiting for their unit to send them (unit: 逾期未报) or sent and under review (review: 逾期待审核) — the overview’s figures' })
  @IsOptional()
  @IsIn(OVERDUE_WAITS)
  awaiting?: OverdueWait;
  @ApiPropertyOptional({ description: 'tasks whose title, unit name or indicator code contains this text' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, description: 'page size: with it the answer is one page, due date first, and X-Total-Count counts every match; without it, every match' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

/** GET /api/me/inbox: filters the server applies, then one page (due date first). */
export class InboxQueryDto {
  @ApiPropertyOptional({ enum: INBOX_NEEDS, description: 'only items needing this: submit 报送, correct 补正, confirm 共同负责确认, countersign 会签, approve 审批, record 登记结果' }) @IsOptional() @IsIn(INBOX_NEEDS) need?: InboxNeed;
  @ApiPropertyOptional({ description: 'only items of this campaign' }) @IsOptional() @IsString() @MaxLength(200) campaignId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only overdue (true) or not overdue (false) items' }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

/** The audit screen's two orders: oldest first (the hash chain's) or newest first (what happened lately). */
export const AUDIT_ORDERS = ['asc', 'desc'] as const;
export type AuditOrder = (typeof AUDIT_ORDERS)[number];

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'the acting account id, exactly' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: "a person / 姓名或用户名: entries whose actor's name contains this text (case-insensitive) or whose account id is this text", maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100) person?: string;
  @ApiPropertyOptional({ description: "a unit: entries by its people or about its tasks" }) @IsOptional() @IsString() unitId?: string;
  @ApiPropertyOptional({ enum: AUDIT_ACTION_CODES, description: 'an action (an unknown one is refused 400, naming the actions in Chinese)' }) @IsOptional() @IsIn(AUDIT_ACTION_CODES) action?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() taskId?: string;
  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES }) @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() @IsReadableInstant() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() @IsReadableInstant() to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1000, description: 'page size (JSON only; exports contain every matching entry)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 2147483647, description: 'return entries after this seq (the X-Next-After-Seq header of the previous page)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2147483647)
  @OnlyWhen((q: AuditQueryDto) => q.order !== 'desc', '起始序号只用于由早到晚的顺序；最新在前时请用截止序号 (afterSeq pages order=asc; use beforeSeq with order=desc)')
  afterSeq?: number;
  @ApiPropertyOptional({ enum: AUDIT_ORDERS, default: 'asc', description: 'asc: oldest first (the chain\'s order; pages by afterSeq); desc: newest first (pages by beforeSeq). Exports are always oldest first' })
  @IsOptional() @IsIn(AUDIT_ORDERS) order?: AuditOrder;
  @ApiPropertyOptional({ minimum: 1, maximum: 2147483647, description: 'with order=desc: return entries before this seq (the X-Next-Before-Seq header of the previous page)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2147483647)
  @OnlyWhen((q: AuditQueryDto) => q.order === 'desc', '截止序号只用于最新在前的顺序 (beforeSeq pages order=desc)')
  beforeSeq?: number;
}

/** GET …/tasks/:taskId/candidates: whom the caller may hand their place to (转交) or add as a signer (加签). */
export class CandidatesQueryDto {
  @ApiProperty({ enum: ['transfer', 'addApprover'], description: 'transfer 转交 or addApprover 加签' }) @IsIn(['transfer', 'addApprover']) purpose: 'transfer' | 'addApprover';
  @ApiPropertyOptional({ maxLength: 200, description: '转交: the place handed over (as the transfer\'s `from`); default: the caller\'s own place still to decide, as the transfer itself' })
  @IsOptional() @IsString() @MaxLength(200) from?: string;
}
