import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/api-docs';
import { ErrorDto } from '../common/error.dto';
import { AssessmentSummaryDto, SupervisionSummaryDto } from './dto/assessment.dto';
import { assessmentXlsx, supervisionXlsx } from './assessment-export';
import { AssessmentService } from './assessment.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (ascii: string, chinese: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;

/** 考核汇总 and 调度汇总 of a campaign (office, leaders, admin, inspectors, supervising organizations). */
@ApiTags('campaigns')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'no or invalid bearer token' })
@ApiForbiddenResponse({ type: ErrorDto, description: 'unit users (the summaries are for the office, leaders, admin, inspectors and supervising organizations)' })
@ApiNotFoundResponse({ type: ErrorDto, description: 'campaign not found (or not visible to the caller)' })
@ApiErrors(400)
@Controller('campaigns')
export class AssessmentController {
  constructor(private readonly svc: AssessmentService) {}

  @Get(':id/assessment')
  @ApiOperation({ summary: '考核汇总 — per unit: tasks on time / late / overdue / not yet due, returns, escalations, assessment flags; with the plan\'s consequences' })
  @ApiOkResponse({ type: AssessmentSummaryDto })
  assessment(@CurrentUser() actor: Actor, @Param('id') id: string) {
    return this.svc.assessment(actor, id);
  }

  @Get(':id/assessment.xlsx')
  @ApiOperation({ summary: '考核汇总表 (.xlsx, 中文表头, 北京时间)' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'the workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  async assessmentXlsx(@CurrentUser() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const s = await this.svc.assessment(actor, id);
    res.set({ 'Content-Type': XLSX, 'Content-Disposition': attachment(`assessment-${id}.xlsx`, `${s.name}-考核汇总.xlsx`) });
    return new StreamableFile(await assessmentXlsx(s));
  }

  @Get(':id/supervision')
  @ApiOperation({ summary: '调度汇总 — per supervision period (月度调度 …): expected, reported on time / late, missing, with each unit\'s report' })
  @ApiOkResponse({ type: SupervisionSummaryDto })
  supervision(@CurrentUser() actor: Actor, @Param('id') id: string) {
    return this.svc.supervision(actor, id);
  }

  @Get(':id/supervision.xlsx')
  @ApiOperation({ summary: '调度汇总表 (.xlsx, 中文表头, 北京时间)' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'the workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  async supervisionXlsx(@CurrentUser() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const s = await this.svc.supervision(actor, id);
    res.set({ 'Content-Type': XLSX, 'Content-Disposition': attachment(`supervision-${id}.xlsx`, `${s.name}-调度汇总.xlsx`) });
    return new StreamableFile(await supervisionXlsx(s));
  }
}
