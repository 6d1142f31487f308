import { applyDecorators, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Readable } from 'stream';
import type { UploadedFileEntity } from '@eco/persistence';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors, FILE_STORE_DOWN } from '../common/api-docs';
import { DossierSummaryDto } from './dto/dossier-summary.dto';
import { FileDto, FileLinkDto, FileListQueryDto, FileOpenQueryDto } from './dto/file.dto';
import { Public } from '../auth/public.decorator';
import { UploadPolicyDto } from './dto/upload-policy.dto';
import type { Request, Response } from 'express';
import { contentDisposition } from '@eco/storage';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { DossierService } from './dossier.service';
import { FilesService } from './files.service';

/** Refused file requests are audited up to a limit per user and campaign; beyond it they are answered 429. */
const TOO_MANY_DENIED = { 429: '被拒绝的请求过多 — too many denied attempts on this campaign (audited up to a limit)' } as const;

/** What a file read answers: the file with its own media type, or why not (gone, too many denials, the store down). */
const FileAnswer = (): MethodDecorator =>
  applyDecorators(
    ApiProduces('*/*'),
    ApiOkResponse({ description: 'the file, with its own media type', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }),
    ApiErrors({ 410: '文件内容已丢失 — the stored bytes are gone (run the audit verification)', ...TOO_MANY_DENIED, ...FILE_STORE_DOWN }),
  );

/**
 * A stored file as the answer: its type, length and name (RFC 5987), never sniffed, never cached elsewhere — shown in
 * the browser (inline) when asked for a 预览, saved (attachment) otherwise. The same bytes either way: the audit's 预览材料
 * / 下载材料 says how the reader asked for it.
 */
function fileAnswer(res: Response, file: UploadedFileEntity, stream: Readable, preview: boolean): StreamableFile {
  res.set({ 'X-Content-Type-Options': 'nosniff', ETag: `"sha256-${file.sha256}"`, 'Cache-Control': 'private, no-store' });
  return new StreamableFile(stream, { type: file.mediaType, length: file.size, disposition: contentDisposition(file.name, preview ? 'inline' : 'attachment') });
}

@ApiTags('files')
@ApiBearerAuth()
@ApiErrors(400, 401, { 404: '活动、任务或文件不存在 — campaign, task or file not found (or not visible to you)' })
@Controller('campaigns')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly dossier: DossierService,
  ) {}

  @Post(':id/tasks/:taskId/files')
  @ApiOperation({ summary: '上传支撑材料 — stream one or more files (multipart/form-data, field any name); returns id, name, size, media type and the server-computed sha256' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ required: true, schema: { type: 'object', required: ['files'], properties: { files: { type: 'array', minItems: 1, items: { type: 'string', format: 'binary' } } } } })
  @ApiCreatedResponse({ type: FileDto, isArray: true })
  @ApiErrors({
    403: '只有任务的责任单位、审核人或办公室可以上传 — only the task’s unit, its approvers or the office may upload',
    409: '活动已暂停或已结束，或任务已报送、已办结，不能上传材料 (the campaign is paused or has ended, or the task is sent for approval or done: no uploads until it is returned)',
    // Worded without numbers: the decorator is read before the configuration is; the configured values are served by GET /api/files/policy.
    413: '文件超过大小上限或一次的数量上限 (a file over UPLOAD_MAX_FILE_BYTES, or more than UPLOAD_MAX_FILES files; this server’s limits: GET /api/files/policy)',
    415: '不支持的文件类型 (not multipart/form-data, or a file whose content is not one of UPLOAD_ALLOWED_TYPES; this server’s types: GET /api/files/policy)',
    ...TOO_MANY_DENIED,
    ...FILE_STORE_DOWN,
  })
  upload(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Req() req: Request) {
    return this.files.upload(actor, id, taskId, req);
  }

  @Get(':id/tasks/:taskId/files')
  @ApiOperation({ summary: '材料列表 — the files uploaded to a task (every round keeps its files; deleted unsent files are gone); draft=true: only your 报送 draft — files of the current round not yet sent, uploaded by your unit (the office: by you)' })
  @ApiOkResponse({ type: FileDto, isArray: true })
  @ApiErrors(TOO_MANY_DENIED)
  list(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Query() q: FileListQueryDto) {
    return this.files.list(actor, id, taskId, q.draft === 'true');
  }

  @Delete(':id/tasks/:taskId/files/:fileId')
  @HttpCode(204)
  @ApiOperation({ summary: '删除未报送的材料 — deletes a file not yet part of a submission, uploaded by your unit (the office: by you); audited' })
  @ApiNoContentResponse({ description: 'deleted (or deleted already)' })
  @ApiErrors({
    403: '只读用户不能删除材料 — read-only users',
    409: '材料已随报送提交，或任务已报送、已办结、活动已暂停 — the file is part of a submission, or the task is sent or done, or the campaign paused',
    ...TOO_MANY_DENIED,
  })
  async remove(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Param('fileId') fileId: string): Promise<void> {
    await this.files.remove(actor, id, taskId, fileId);
  }

  @Get(':id/tasks/:taskId/files/:fileId/link')
  @ApiOperation({ summary: '文件地址 — an address of the file for a browser tab, ending with its name (the PDF viewer shows and saves that name), valid for minutes; opening it is audited as 预览材料 (preview=true) or 下载材料' })
  @ApiOkResponse({ type: FileLinkDto })
  @ApiErrors(TOO_MANY_DENIED)
  link(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Param('fileId') fileId: string, @Query() q: FileOpenQueryDto): Promise<FileLinkDto> {
    return this.files.link(actor, id, taskId, fileId, 'task', q.preview === 'true');
  }

  @Get(':id/tasks/:taskId/origin-files/:fileId/link')
  @ApiOperation({ summary: '问题来源文件地址 — as …/files/:fileId/link, for a file of the opinion behind this 整改' })
  @ApiOkResponse({ type: FileLinkDto })
  @ApiErrors(TOO_MANY_DENIED)
  originLink(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Param('fileId') fileId: string, @Query() q: FileOpenQueryDto): Promise<FileLinkDto> {
    return this.files.link(actor, id, taskId, fileId, 'origin', q.preview === 'true');
  }

  @Get(':id/tasks/:taskId/files/:fileId')
  @ApiOperation({ summary: '下载材料 — streams the file with its type and name (RFC 5987); every download is audited (预览 with preview=true)' })
  @FileAnswer()
  async download(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Param('fileId') fileId: string, @Query() q: FileOpenQueryDto, @Res({ passthrough: true }) res: Response) {
    const { file, stream } = await this.files.open(actor, id, taskId, fileId, q.preview === 'true');
    return fileAnswer(res, file, stream, q.preview === 'true');
  }

  @Get(':id/tasks/:taskId/origin-files/:fileId')
  @ApiOperation({ summary: '问题来源的书面意见 — a file of the written opinion (预审意见 …) whose finding opened this 整改, for whoever reads the 整改 (its unit cannot read the stage itself); audited on the stage (预览 with preview=true)' })
  @FileAnswer()
  async downloadOrigin(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Param('fileId') fileId: string, @Query() q: FileOpenQueryDto, @Res({ passthrough: true }) res: Response) {
    const { file, stream } = await this.files.openOrigin(actor, id, taskId, fileId, q.preview === 'true');
    return fileAnswer(res, file, stream, q.preview === 'true');
  }

  @Get(':id/dossier')
  @ApiOperation({ summary: '申报材料包概况 — what the dossier holds now: files, bytes, indicators with an approved file, and each indicator task without one (接管前已完成: taken over, nothing sent through the system)' })
  @ApiOkResponse({ type: DossierSummaryDto })
  @ApiErrors({ 403: '只有办公室、领导和核查人员可以查看 — only the office, leaders and inspectors' })
  dossierSummary(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<DossierSummaryDto> {
    return this.dossier.summary(actor, id);
  }

  @Get(':id/dossier.zip')
  @ApiOperation({ summary: '申报材料包 — streams the application dossier: a folder per domain and indicator, approved files, certificates, veto attestations, key-project statements, 目录.xlsx and manifest.json' })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'the .zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors({ 403: '只有办公室、领导和核查人员可以导出 — only the office, leaders and inspectors', 409: '材料文件内容缺失 — stored bytes of an approved file are missing', ...FILE_STORE_DOWN })
  async dossierZip(@CurrentUser() actor: Actor, @Param('id') id: string, @Res() res: Response) {
    await this.dossier.stream(actor, id, res);
  }
}

/** What the server accepts as evidence files, for any signed-in user: the upload control offers and checks the same before sending. */
@ApiTags('files')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('files')
export class UploadPolicyController {
  constructor(private readonly files: FilesService) {}

  @Get('policy')
  @ApiOperation({ summary: '上传规则 — the accepted file types (judged by content), the <input accept> they give, the largest file and the most files per upload, as configured (UPLOAD_ALLOWED_TYPES, UPLOAD_MAX_FILE_BYTES, UPLOAD_MAX_FILES)' })
  @ApiOkResponse({ type: UploadPolicyDto })
  policy(): UploadPolicyDto {
    return this.files.policy();
  }
}

/**
 * A file opened by its address (GET …/files/:fileId/link gives it): no bearer header — a browser tab sends none — the
 * signed token in the path instead; the last segment is the file's name, for the browser's title and 另存为.
 */
@ApiTags('files')
@ApiErrors(400, { 403: '账号已停用或密码已更改 — the account was deactivated or its sessions revoked since the link was issued', 404: '文件链接无效或已过期，或文件不存在、无权查看 — the link is unknown or expired, or the file gone or no longer yours to read' })
@Controller('file-links')
export class FileLinksController {
  constructor(private readonly files: FilesService) {}

  @Public()
  @Get(':token/:name')
  @ApiOperation({ summary: '按地址打开文件 — the file, inline for a 预览 address, as attachment otherwise; audited as its reader' })
  @ApiParam({ name: 'token', description: '签名的文件地址令牌（GET …/files/:fileId/link 给出，10分钟内有效）' })
  @ApiParam({ name: 'name', description: '文件名（仅供浏览器显示与另存为，不影响打开哪个文件）' })
  @FileAnswer()
  async open(@Param('token') token: string, @Res({ passthrough: true }) res: Response) {
    const { file, stream, preview } = await this.files.openLink(token);
    return fileAnswer(res, file, stream, preview);
  }
}
