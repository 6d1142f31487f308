import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors, FILE_STORE_DOWN } from '../common/api-docs';
import { sendCached } from '../common/read-snapshot-cache';
import { FilesService } from '../files/files.service';
import { auditCsv, auditXlsx } from './audit-export';
import { CampaignAuditService } from './campaign-audit.service';
import { AuditEntryDto, AuditQueryDto, AuditVerifyDto, BINARY, XLSX } from './dto';

/** 审计记录 of a campaign: pages, verification and exports (office, leaders, admin, inspectors, supervisors). */
@ApiTags('campaigns')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('campaigns')
export class AuditController {
  constructor(
    private readonly trail: CampaignAuditService,
    private readonly files: FilesService,
  ) {}

  @Get(':id/audit')
  @ApiOperation({ summary: '审计记录 — the append-only, hash-chained audit trail' })
  @ApiOkResponse({
    type: AuditEntryDto,
    isArray: true,
    headers: {
      'X-Total-Count': { description: 'entries matching the filters', schema: { type: 'integer' } },
      'X-Next-After-Seq': { description: 'afterSeq of the next page, oldest first (absent on the last page)', schema: { type: 'integer' } },
      'X-Next-Before-Seq': { description: 'order=desc: beforeSeq of the next page, newest first (absent on the last page)', schema: { type: 'integer' } },
    },
  })
  @ApiErrors({ 403: '单位用户不能查看审计记录 — campaign records are for the office, leaders, admin, inspectors and supervisors (the access policy)' }, 404)
  async audit(@CurrentUser() actor: Actor, @Param('id') id: string, @Query() q: AuditQueryDto, @Res({ passthrough: true }) res: Response) {
    // Paginated: up to `limit` entries after `afterSeq` (or, order=desc, newest first before `beforeSeq`); X-Total-Count
    // and the next page's cursor, X-Next-After-Seq or X-Next-Before-Seq (absent on the last page).
    return sendCached(res, await this.trail.pageCached(actor, id, q));
  }

  @Get(':id/audit/verify')
  @ApiOperation({ summary: '校验审计链 — { valid, chainValid, count, brokenAt?, files: { checked, problems[] } }: the hash chain, and every file a submission referenced still has its recorded sha256' })
  @ApiOkResponse({ type: AuditVerifyDto })
  @ApiErrors({ 403: '单位用户不能查看审计记录 — campaign records are for the office, leaders, admin, inspectors and supervisors (the access policy)' }, 404, FILE_STORE_DOWN)
  async verify(@CurrentUser() actor: Actor, @Param('id') id: string) {
    const chain = await this.trail.verify(actor, id);
    const files = await this.files.verifyReferencedFiles(id);
    return { ...chain, valid: chain.valid && files.problems.length === 0, chainValid: chain.valid, files };
  }

  @Get(':id/audit.csv')
  @ApiOperation({ summary: '审计记录导出 CSV (UTF-8 with BOM)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file', content: { 'text/csv': BINARY } })
  @ApiErrors({ 403: '单位用户不能查看审计记录 — campaign records are for the office, leaders, admin, inspectors and supervisors (the access policy)' }, 404)
  async auditCsv(@CurrentUser() actor: Actor, @Param('id') id: string, @Query() q: AuditQueryDto, @Res({ passthrough: true }) res: Response) {
    const { campaign: c, rows, names } = await this.trail.exportRows(actor, id, q);
    // Named like the Excel file (the ASCII name for clients without RFC 5987).
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="audit-${id}.csv"; filename*=UTF-8''${encodeURIComponent(`${c.name}-审计记录.csv`)}` });
    return new StreamableFile(auditCsv(rows as any, names));
  }

  @Get(':id/audit.xlsx')
  @ApiOperation({ summary: '审计记录导出 Excel' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'the .xlsx file', content: { [XLSX]: BINARY } })
  @ApiErrors({ 403: '单位用户不能查看审计记录 — campaign records are for the office, leaders, admin, inspectors and supervisors (the access policy)' }, 404)
  async auditXlsx(@CurrentUser() actor: Actor, @Param('id') id: string, @Query() q: AuditQueryDto, @Res({ passthrough: true }) res: Response) {
    const { campaign: c, rows, names } = await this.trail.exportRows(actor, id, q);
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="audit-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${c.name}-审计记录.xlsx`)}`,
    });
    return new StreamableFile(await auditXlsx(rows as any, `${c.name} 审计记录`, names));
  }
}
