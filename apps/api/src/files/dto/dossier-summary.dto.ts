import { ApiProperty } from '@nestjs/swagger';
import { TASK_KINDS, TASK_STATUSES } from '@eco/domain';
import type { DossierSummary } from '../dossier.service';

const STR_OR_NULL = { type: String, nullable: true } as const;

/** An indicator task with no approved file in the 申报材料包. */
export class DossierGapDto {
  @ApiProperty({ example: 'indicator:1' }) taskId: string;
  @ApiProperty({ enum: TASK_KINDS }) kind: string;
  @ApiProperty(STR_OR_NULL) indicatorCode: string | null;
  @ApiProperty(STR_OR_NULL) indicatorName: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['binding', 'reference'] }) attribute: string | null;
  @ApiProperty(STR_OR_NULL) unitId: string | null;
  @ApiProperty(STR_OR_NULL) unitName: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status: string;
  @ApiProperty({ example: '接管前已完成', description: 'the status in Chinese (接管前已完成 for a step the take-over marked done)' }) statusLabel: string;
  @ApiProperty({ description: 'marked done when the campaign was taken over (接管): its material was never sent through the system' }) takenOver: boolean;
}

class DossierIndicatorsDto {
  @ApiProperty({ type: 'integer', description: "the plan's indicators" }) total: number;
  @ApiProperty({ type: 'integer', description: 'of them, with at least one approved file' }) withFiles: number;
  @ApiProperty({ type: [String], description: 'the codes of those indicators' }) codesWithFiles: string[];
}

/** 申报材料包 at a glance: what the zip (GET …/dossier.zip) would hold now. */
export class DossierSummaryDto implements DossierSummary {
  @ApiProperty({ type: 'integer' }) files: number;
  @ApiProperty({ type: 'integer' }) bytes: number;
  @ApiProperty({ type: DossierIndicatorsDto }) indicators: DossierIndicatorsDto;
  @ApiProperty({ type: [DossierGapDto] }) withoutFiles: DossierGapDto[];
}
