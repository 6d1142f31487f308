/** OpenAPI description of the 考核汇总 and 调度汇总 answers (GET /campaigns/:id/assessment, /supervision). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AssessmentConsequenceDto {
  @ApiProperty({ enum: ['escalation', 'matter'] }) appliesTo: string;
  @ApiProperty({ example: '纳入全县高质量发展综合绩效考核' }) label: string;
  @ApiProperty({ example: '对未达到创建要求的单位,将严格考核评分,对影响全县创建工作整体进程的实施问责' }) text: string;
  @ApiPropertyOptional({ example: '破坏生态环境重大事件' }) matter?: string;
  @ApiProperty({ description: '工作方案原文' }) source: string;
}

export class UnitAssessmentDto {
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() tasks: number;
  @ApiProperty({ description: '按时报送' }) onTime: number;
  @ApiProperty({ description: '逾期报送' }) late: number;
  @ApiProperty({ description: '逾期未报：已过期限仍未报送（活动暂停或已结束的，按暂停或结束时判断：结束不抹去此前的逾期）' }) overdue: number;
  @ApiProperty({ description: '未到期：尚未到报送期限（活动已结束的，结束时尚未到期，不再办理）' }) pending: number;
  @ApiProperty({ description: '其他办结：未经本单位报送而办结（接管前已完成、征求意见期满视为无意见等）' }) other: number;
  @ApiProperty({ description: '已取消（阶段结束时未完成）：结束阶段时仍待本单位报送（未报送或被退回）而取消的任务，计为未完成' }) cancelledAtClose: number;
  @ApiProperty({ description: '被退回次数' }) returns: number;
  @ApiProperty({ description: '督办次数' }) escalations: number;
  @ApiProperty({ description: '纳入考核标记' }) assessmentFlags: number;
  @ApiProperty({ type: Number, nullable: true, description: '按时率 0–1：按时报送 ÷（按时报送 + 逾期报送 + 逾期未报 + 已取消（阶段结束时未完成））' }) onTimeRate: number | null;
}

export class AssessmentSummaryDto {
  @ApiProperty() campaignId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [AssessmentConsequenceDto], description: '工作方案的考核后果（原文）；为空表示方案未规定' }) consequences: AssessmentConsequenceDto[];
  @ApiProperty({ type: [UnitAssessmentDto] }) units: UnitAssessmentDto[];
}

export class CadenceDto {
  @ApiProperty() key: string;
  @ApiProperty({ example: '月度调度' }) name: string;
  @ApiProperty({ enum: ['month', 'quarter'] }) every: string;
  @ApiProperty({ enum: ['units', 'office'] }) owner: string;
  @ApiProperty({ description: '工作方案原文' }) source: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: '方案未载明而推定的字段 → 依据' }) derived: Record<string, string>;
}

export class CadenceReportRowDto {
  @ApiProperty() taskId: string;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
  @ApiProperty() unitName: string;
  @ApiProperty() status: string;
  @ApiProperty({ enum: ['on-time', 'late', 'overdue', 'pending', 'other'], description: '按时报送 / 逾期报送 / 逾期未报 / 未到期 / 其他办结（活动暂停或已结束的，期限按暂停或结束时判断）' }) timeliness: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty() returns: number;
}

export class CadencePeriodDto {
  @ApiProperty() cadence: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2026-12' }) period: string;
  @ApiProperty({ example: '2026年12月' }) periodLabel: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() expected: number;
  @ApiProperty() reported: number;
  @ApiProperty() onTime: number;
  @ApiProperty() late: number;
  @ApiProperty() missing: number;
  @ApiProperty() cancelled: number;
  @ApiProperty({ type: [CadenceReportRowDto] }) rows: CadenceReportRowDto[];
}

export class SupervisionSummaryDto {
  @ApiProperty() campaignId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [CadenceDto] }) cadences: CadenceDto[];
  @ApiProperty({ type: [CadencePeriodDto] }) periods: CadencePeriodDto[];
}
