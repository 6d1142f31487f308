import { Controller, Get, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { contentDisposition } from '../../../../libs/storage';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { DossierService } from './dossier.service';
import { FilesService } from './files.service';

@ApiTags('files')
@ApiBearerAuth()
@Controller('campaigns')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly dossier: DossierService,
  ) {}

  @Post(':id/tasks/:taskId/files')
  @ApiOperation({ summary: '上传支撑材料 — stream one or more files (multipart/form-data, field any name); returns id, name, size, media type and the server-computed sha256' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' } } } } })
  @ApiResponse({ status: 201, description: '[{ id, name, size, mediaType, type, sha256, taskId, unitId, uploadedBy, uploadedByName, uploadedAt }]' })
  @ApiResponse({ status: 413, description: '文件超过大小上限 (file over UPLOAD_MAX_FILE_BYTES, default 50 MB)' })
  @ApiResponse({ status: 415, description: '不支持的文件类型 (content is not one of pdf, ofd, doc(x), xls(x), jpg, png, zip)' })
  upload(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Req() req: Request) {
    return this.files.upload(actor, id, taskId, req);
  }

  @Get(':id/tasks/:taskId/files')
  @ApiOperation({ summary: '材料列表 — the files uploaded to a task (every round keeps its files)' })
  list(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string) {
    return this.files.list(actor, id, taskId);
  }

  @Get(':id/tasks/:taskId/files/:fileId')
  @ApiOperation({ summary: '下载材料 — streams the file with its type and name (RFC 5987); every download is audited' })
  async download(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Param('fileId') fileId: string, @Res({ passthrough: true }) res: Response) {
    const { file, stream } = await this.files.open(actor, id, taskId, fileId);
    res.set({ 'X-Content-Type-Options': 'nosniff', ETag: `"sha256-${file.sha256}"`, 'Cache-Control': 'private, no-store' });
    return new StreamableFile(stream, { type: file.mediaType, length: file.size, disposition: contentDisposition(file.name) });
  }

  @Get(':id/dossier.zip')
  @ApiOperation({ summary: '申报材料包 — streams the application dossier: a folder per domain and indicator, approved files, certificates, veto attestations, key-project statements, 目录.xlsx and manifest.json' })
  async dossierZip(@CurrentUser() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    await this.dossier.stream(actor, id, res);
  }
}
