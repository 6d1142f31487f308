import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { ADD_APPROVER_MODES, AUDIT_OUTCOMES, EXTERNAL_OUTCOMES, EXTERNAL_STAGES, INBOX_NEEDS, PHASE_KEYS, PUBLIC_TASK_STATUSES, type AddApproverMode, type ExternalOutcome, type InboxNeed } from '@eco/domain';

/** Text the engine trims before it checks it is there (reasons, titles, names): blank is refused, so the schema says so too. */
export const NotBlank = () => Matches(/\S/, { message: '$property 不能为空白 ($property must not be blank)' });

/** A link to material kept elsewhere (only http/https); files themselves are uploaded and referenced by id. */
export class EvidenceDto {
  @ApiProperty({ example: '河长制工作台账（政务网）' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiProperty({ example: 'https://files.example.gov.cn/archive/123' })
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: 'evidence url must be an http(s) URL (链接只能是 http 或 https 地址)' })
  url: string;
}

/** 重点工程项目 (名称、规模、内容、投资概算). */
export class KeyProjectDto {
  @ApiProperty({ example: '泗河生态修复工程' }) @IsString() @MinLength(1) @MaxLength(300) @NotBlank() name: string;
  @ApiPropertyOptional({ example: '治理河道12公里' }) @IsOptional() @IsString() @MaxLength(1000) scale?: string;
  @ApiPropertyOptional({ example: '河道清淤、岸线生态修复' }) @IsOptional() @IsString() @MaxLength(4000) content?: string;
  @ApiPropertyOptional({ example: '1.2亿元' }) @IsOptional() @IsString() @MaxLength(300) investment?: string;
}

/** Formalities the task's kind may require (the template's 办理要求); a missing one is 400 naming the field. */
export class SubmissionFormalitiesDto {
  @ApiPropertyOptional({ description: '已加盖单位公章 (the submitted document carries the unit seal)' }) @IsOptional() @IsBoolean() seal?: boolean;
  @ApiPropertyOptional({ description: '签字的主要负责人姓名 (principal who signed)', example: '张局长' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) @NotBlank() principalSignature?: string;
  @ApiPropertyOptional({ description: '选择的办理结果 (e.g. projects | none; absent | occurred)', example: 'none' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) outcome?: string;
  @ApiPropertyOptional({ type: [KeyProjectDto], description: '重点工程项目清单' }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => KeyProjectDto) projects?: KeyProjectDto[];
}

export class SubmitTaskDto {
  @ApiPropertyOptional({ example: '已按要求完成，附支撑材料' }) @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional({ description: 'reported value (string, number or boolean)', example: '≥20' })
  @IsOptional()
  value?: string | number | boolean;
  @ApiPropertyOptional({ type: [String], description: 'ids of files uploaded to this task (POST …/tasks/:taskId/files)', example: ['3f1c2a9e-8b7d-4c1e-9f00-1a2b3c4d5e6f'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'files must be uploaded file ids (UUID)' })
  files?: string[];
  @ApiPropertyOptional({ type: [EvidenceDto], description: 'links (http/https only)' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => EvidenceDto) evidence?: EvidenceDto[];
  @ApiPropertyOptional({ type: SubmissionFormalitiesDto, description: 'seal / principal signature / chosen outcome (and project list) where the task kind requires them' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubmissionFormalitiesDto)
  formalities?: SubmissionFormalitiesDto;
}

export class ApproveTaskDto {
  @ApiPropertyOptional({ example: '同意' }) @IsOptional() @IsString() @MaxLength(4000) comment?: string;
}

export class ReturnTaskDto {
  @ApiProperty({ example: '支撑材料不全，请补充2025年度数据' }) @IsString() @MinLength(1) @MaxLength(4000) @NotBlank() reason: string;
}

export class TransferTaskDto {
  @ApiProperty({ example: 'u-li' }) @IsString() @MinLength(1) toUserId: string;
  @ApiProperty({ example: '出差，转交副主任办理' }) @IsString() @MinLength(1) @MaxLength(2000) @NotBlank() reason: string;
}

export class AddApproverDto {
  @ApiProperty({ example: 'expert2' }) @IsString() @MinLength(1) userId: string;
  @ApiProperty({ example: '需增加专家会签' }) @IsString() @MinLength(1) @MaxLength(2000) @NotBlank() reason: string;
  @ApiPropertyOptional({ enum: ADD_APPROVER_MODES, description: '前加签 before (the added person signs first, then the step returns) · 后加签 after (a new step after this one) · 并加签 co-sign (default: also required on this step)' })
  @IsOptional()
  @IsIn(ADD_APPROVER_MODES)
  mode?: AddApproverMode;
}

export class MoveDeadlinesDto {
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) taskIds?: string[];
  @ApiPropertyOptional({ enum: PHASE_KEYS })
  @IsOptional()
  @IsIn(PHASE_KEYS)
  phase?: string;
  @ApiPropertyOptional({ example: '2027-03-05', description: 'new due date: a date alone (YYYY-MM-DD) is the end of that working day in Asia/Shanghai (a non-working day moves to the next working day, with a warning); or an ISO date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;
  @ApiPropertyOptional({ example: 'P1M', description: 'calendar shift: P7D, P2W, P1M, P1Y (calendar months and years), may be negative (-P3D); a time part (PT2H) is exact' })
  @IsOptional()
  @Matches(/^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, { message: 'shiftBy must be an ISO-8601 duration such as P7D, P1M or P1Y' })
  shiftBy?: string;
  @ApiPropertyOptional({ example: 3, description: 'shift by working days (工作日), may be negative' })
  @IsOptional()
  @IsInt()
  @Min(-2000)
  @Max(2000)
  shiftByWorkingDays?: number;
  @ApiPropertyOptional({ example: '生态环境部通知复核推迟至2030年', description: 'reason required to move a date more than three years ahead' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NotBlank()
  force?: string;
  @ApiProperty({ example: '省生态环境厅调整预审时间' }) @IsString() @MinLength(1) @MaxLength(2000) @NotBlank() reason: string;
}

export class ReasonDto {
  @ApiProperty({ example: '疫情防控需要' }) @IsString() @MinLength(1) @MaxLength(2000) @NotBlank() reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional({ example: '疫情解除' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class ClosePhaseDto {
  @ApiProperty({ enum: PHASE_KEYS })
  @IsIn(PHASE_KEYS)
  phase: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) @NotBlank() reason: string;
}

export class FindingDto {
  @ApiProperty({ example: '黑臭水体整治台账不完整' }) @IsString() @MinLength(1) @MaxLength(1000) @NotBlank() title: string;
  @ApiPropertyOptional({ example: '8' }) @IsOptional() @IsString() indicatorCode?: string;
  @ApiPropertyOptional({ example: 'qu-zhujianju' }) @IsOptional() @IsString() unitId?: string;
}

export class ExternalResultDto {
  @ApiProperty({ enum: EXTERNAL_STAGES })
  @IsIn(EXTERNAL_STAGES)
  stage: 'pre-review' | 'public-notice' | 'inspection' | 'review';
  @ApiProperty({ enum: EXTERNAL_OUTCOMES }) @IsIn(EXTERNAL_OUTCOMES) outcome: ExternalOutcome;
  @ApiPropertyOptional({ type: [FindingDto] })
  @ValidateIf((o: ExternalResultDto) => o.outcome === 'issues' || o.findings !== undefined)
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings?: FindingDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional({ description: 'due date of the rectification tasks opened for the findings' }) @IsOptional() @IsISO8601({ strict: true }) dueAt?: string;
}

export class RectificationDto {
  @ApiProperty({ example: 'qu-shuiwuju' }) @IsString() @MinLength(1) unitId: string;
  @ApiProperty({ example: '河长制巡河记录缺失，限期整改' }) @IsString() @MinLength(1) @MaxLength(1000) @NotBlank() title: string;
  @ApiPropertyOptional({ example: '4' }) @IsOptional() @IsString() indicatorCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) dueAt?: string;
}

export class TaskQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unitId?: string;
  @ApiPropertyOptional({ enum: PUBLIC_TASK_STATUSES })
  @IsOptional()
  @IsIn(PUBLIC_TASK_STATUSES)
  status?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(PHASE_KEYS) phase?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() kind?: string;
}

/** GET /api/me/inbox: filters the server applies, then one page (due date first). */
export class InboxQueryDto {
  @ApiPropertyOptional({ enum: INBOX_NEEDS, description: 'only items needing this: submit 报送, correct 补正, confirm 共同负责确认, countersign 会签, approve 审批' }) @IsOptional() @IsIn(INBOX_NEEDS) need?: InboxNeed;
  @ApiPropertyOptional({ description: 'only items of this campaign' }) @IsOptional() @IsString() @MaxLength(200) campaignId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only overdue (true) or not overdue (false) items' }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1000000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'the acting account id' }) @IsOptional() @IsString() actor?: string;
  @ApiPropertyOptional({ description: "a unit: entries by its people or about its tasks" }) @IsOptional() @IsString() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() action?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() taskId?: string;
  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES }) @IsOptional() @IsIn(AUDIT_OUTCOMES) outcome?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1000, description: 'page size (JSON only; exports contain every matching entry)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 2147483647, description: 'return entries after this seq (the X-Next-After-Seq header of the previous page)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2147483647) afterSeq?: number;
}
