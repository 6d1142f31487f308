/**
 * Evidence files (支撑材料): streaming multipart upload into the content-addressed blob store, listing, audited
 * downloads, resolving the file ids a submission references, and checking that every file the audit chain vouches
 * for still has its recorded hash.
 */
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  GoneException,
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import busboy from 'busboy';
import { randomUUID } from 'crypto';
import { rm } from 'fs/promises';
import type { Request } from 'express';
import type { Readable } from 'stream';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { authorize, byteSizeText, type FilesWrite, uploadsClosedReason, type Evidence, evidenceFileId, evidenceRequirement, fileEvidenceRef, findingOpening, sanitizeText, textProblem } from '@eco/domain';
import { type CampaignTaskEntity, type CampaignEntity, type UploadedFileEntity, AuditRepository, CampaignRepository, UploadedFileRepository } from '@eco/persistence';
import { acceptOf, BlobNotFoundError, BlobStore, FileType, sniffFile, spool, Spooled, typeOfExtension, uploadTmpDir } from '@eco/storage';
import { AuditTrail } from '../audit/audit-trail.service';
import { ROLES, type Actor, type Role } from '../auth/actor';
import { SessionCache } from '../auth/session-cache';
import { campaignNotFound, TenancyService } from '../auth/tenancy.service';
import { DENIAL_LIMITS, type ActingRows } from '../campaigns/campaigns.service';
import { CampaignRefusal, refusalToHttp } from '../campaigns/refusals';
import { TemplateCatalogService } from '../templates/template-catalog.service';
import { BlobStoreHolder } from './blob-store.provider';
import type { UploadPolicyDto } from './dto/upload-policy.dto';
import { FileAccess, fileAccess, filesContext } from './file-access';
import { FILE_LINK_SECONDS, fileLinkPath, signFileLink, verifyFileLink } from './file-links';

/** The longest file name kept (characters): what file systems allow. */
const MAX_FILE_NAME = 255;

export interface FileOut {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  type: string;
  sha256: string;
  taskId: string;
  unitId: string | null;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: string;
  /** Upload answer only: this file's content was already in the unit's unsent files of the round — that file is answered, nothing added. */
  duplicate?: true;
}

export function fileOut(f: UploadedFileEntity): FileOut {
  return {
    id: f.id, name: f.name, size: f.size, mediaType: f.mediaType, type: f.fileType, sha256: f.sha256, taskId: f.taskId, unitId: f.unitId,
    uploadedBy: f.uploadedBy, uploadedByName: f.uploadedByName, uploadedAt: f.uploadedAt.toISOString(),
  };
}

const FILE_REF = /^file:([0-9a-f-]{36})$/i;

/** Is the file part of anything the task carries (a round's submission, an external result, a contribution)? As the table's delete trigger judges it. */
export function referencedBy(task: Pick<CampaignTaskEntity, 'view'>, fileId: string): boolean {
  return JSON.stringify(task.view ?? {}).includes(`file:${fileId}`);
}

/** When the task's current round began: its last submission (0 before the first). Files uploaded before belong to an earlier round. */
export function currentRoundSince(task: Pick<CampaignTaskEntity, 'view'>): number {
  const rounds = task.view.rounds ?? [];
  return rounds.reduce((m, r) => Math.max(m, Date.parse(r.submission?.at ?? '') || 0), 0);
}

/** The uploader's side of a file: the same person, or a colleague of the same unit (a unit's files are the unit's, not one liaison's). */
export function uploadedBySameSide(actor: Pick<Actor, 'id' | 'unitId'>, f: Pick<UploadedFileEntity, 'uploadedBy' | 'uploadedByUnitId'>): boolean {
  return f.uploadedBy === actor.id || (!!actor.unitId && f.uploadedByUnitId === actor.unitId);
}

/**
 * The 报送 draft of a task for this actor: files of the current round (uploaded since the last submission), not part of
 * anything the task carries, uploaded by the actor's side (their unit; the office: themselves), to the task's current unit.
 */
export function draftFiles(actor: Pick<Actor, 'id' | 'unitId'>, task: Pick<CampaignTaskEntity, 'view' | 'unitId'>, files: UploadedFileEntity[]): UploadedFileEntity[] {
  const since = currentRoundSince(task);
  return files.filter((f) => f.unitId === task.unitId && f.uploadedAt.getTime() > since && !referencedBy(task, f.id) && uploadedBySameSide(actor, f));
}

/** The words an HTTP refusal gives its reader (its message, or each of its messages), for the audit record's reason. */
function httpReason(e: HttpException): string {
  const body = e.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('；');
  return typeof message === 'string' ? message : e.message;
}

@Injectable()
export class FilesService {
  readonly store: BlobStore;

  /** The store, once prepared (503 while the object store is unreachable). */
  ready(): Promise<BlobStore> {
    return this.holder.ready();
  }

  constructor(
    private readonly holder: BlobStoreHolder,
    private readonly files: UploadedFileRepository,
    private readonly campaigns: CampaignRepository,
    private readonly audit: AuditRepository,
    private readonly trail: AuditTrail,
    private readonly templates: TemplateCatalogService,
    private readonly tenancy: TenancyService,
    private readonly sessions: SessionCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.store = holder.store;
  }

  // ---- access ---------------------------------------------------------------------------------------------------

  /**
   * The campaign and task, when the actor may `need` them: otherwise 404 (cannot see the task) or 403 (read only).
   * `doing`: what the write is (an upload, or the 移除 of an unsent file): the refusal says it and is audited as it.
   */
  async taskFor(actor: Actor, campaignId: string, taskId: string, need: Exclude<FileAccess, 'none'>, doing: FilesWrite = 'upload'): Promise<{ campaign: CampaignEntity; task: CampaignTaskEntity }> {
    const campaign = await this.campaigns.get(campaignId);
    if (!campaign) throw campaignNotFound(campaignId);
    // Tenancy first: another organization's campaign is unknown (404); a supervising organization only reads (the policy).
    const { access: seen, organization } = await this.tenancy.standing(actor, campaign);
    if (!seen) throw campaignNotFound(campaignId);
    const task = await this.campaigns.task(campaignId, taskId);
    if (!task) throw new NotFoundException({ message: `任务不存在 (task ${taskId} not found in campaign ${campaignId})` });
    // The access policy decides (task-files): a unit user reads what it lets them read (own unit, joint, approver, or the
    // lead reading a co-unit's contribution — who leads it from the tenancy's parentUnits; reading alone never uploads).
    const unitOfTask = seen === 'unit' ? await this.tenancy.parentUnits(campaignId, actor, [task]) : undefined;
    const ctx = filesContext(task, await this.unitsOf(campaign), { organization, ...(unitOfTask ? { unitOfTask } : {}) });
    const removing = need === 'write' && doing === 'remove';
    const decision = authorize(ctx, actor, { kind: need, resource: 'task-files', ...(removing ? { doing } : {}) });
    if (!decision.allowed) {
      const action = need === 'write' ? (removing ? 'file-delete' : 'file-upload') : 'file-download';
      // not now (409: the task is sent) is a refused attempt, named by the policy's reason; not theirs (404/403) a denied one
      if (decision.code === 'conflict') await this.recordRefusal(campaign, actor, action, task, 'refused', decision.reason);
      else await this.recordRefusal(campaign, actor, action, task, 'denied', decision.code === 'not-found' ? '无权查看此任务的材料' : `只读用户不能${removing ? '移除' : '上传'}材料`);
      throw refusalToHttp({ code: decision.code, message: decision.reason });
    }
    return { campaign, task };
  }

  // ---- upload ---------------------------------------------------------------------------------------------------

  /** What an upload may be (the configuration the upload below enforces): the screens offer and check the same. */
  policy(): UploadPolicyDto {
    const types = this.config.UPLOAD_ALLOWED_TYPES;
    return { allowedTypes: [...types], accept: acceptOf(types), maxFileBytes: this.config.UPLOAD_MAX_FILE_BYTES, maxFiles: this.config.UPLOAD_MAX_FILES };
  }

  /**
   * Streams every file part of a multipart request to a spool file (hashing on the way, never more than the limit
   * per file), then checks each by content and stores it. All or nothing: one bad file refuses the whole request.
   */
  async upload(actor: Actor, campaignId: string, taskId: string, req: Request): Promise<FileOut[]> {
    const { campaign, task } = await this.taskFor(actor, campaignId, taskId, 'write');
    try {
      return await this.receiveAndStore(actor, campaign, task, req);
    } catch (e) {
      // a refused upload of a task the uploader may write (paused campaign, not multipart, too large, too many, no file or
      // no name, empty, a type refused) is on the record as a refused attempt with its reason, as a refused action is;
      // the file store being down (503) is no refusal
      if (e instanceof HttpException && e.getStatus() >= 400 && e.getStatus() < 500) {
        await this.recordRefusal(campaign, actor, 'file-upload', task, 'refused', httpReason(e), { status: e.getStatus() });
      }
      throw e;
    }
  }

  private async receiveAndStore(actor: Actor, campaign: CampaignEntity, task: CampaignTaskEntity, req: Request): Promise<FileOut[]> {
    const campaignId = campaign.id;
    const taskId = task.taskId;
    // paused or ended: no file goes up (the task page closes its picker with the same words)
    const closed = uploadsClosedReason(campaign);
    if (closed) throw new ConflictException({ message: `${closed} (campaign is ${campaign.paused ? 'paused' : campaign.status})` });
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeException({ message: '请以 multipart/form-data 方式上传文件 (send the files as multipart/form-data)' });
    }
    await this.holder.ready();
    const max = this.config.UPLOAD_MAX_FILE_BYTES;
    const parts = await this.receive(req, max);
    try {
      if (parts.tooMany) throw new PayloadTooLargeException({ message: `一次最多上传${this.config.UPLOAD_MAX_FILES}个文件 (at most ${this.config.UPLOAD_MAX_FILES} files per request)` });
      const tooLarge = parts.files.filter((f) => f.spooled.truncated);
      if (tooLarge.length) {
        throw new PayloadTooLargeException({
          message: `文件超过大小上限${byteSizeText(max)}：${tooLarge.map((f) => f.name).join('、')} (file larger than the ${byteSizeText(max)} limit: ${tooLarge.map((f) => f.name).join(', ')})`,
        });
      }
      if (!parts.files.length) throw new BadRequestException({ message: ['未收到文件，请选择要上传的文件 (no file in the request)'], error: 'Bad Request' });
      const unnamed = parts.files.filter((f) => !f.name.trim());
      if (unnamed.length) throw new BadRequestException({ message: ['文件缺少文件名 (a file part has no filename)'], error: 'Bad Request' });
      // busboy decodes filename*=UTF-8''a%00.pdf to a real NUL, which PostgreSQL cannot store: refused, named
      const badName = parts.files.map((f) => ({ f, p: textProblem(f.name) ?? (f.name.length > MAX_FILE_NAME ? `文件名过长，最多 ${MAX_FILE_NAME} 个字符 (longer than ${MAX_FILE_NAME} characters)` : null) })).filter((x) => x.p);
      if (badName.length) throw new BadRequestException({ message: badName.map((x) => `文件名无效「${sanitizeText(x.f.name).slice(0, 80)}」：${x.p}`), error: 'Bad Request' });

      // an empty file has no content to judge: said as such (it read 「内容无法识别」 among the unsupported types)
      const empty = parts.files.filter((f) => f.spooled.size === 0);
      if (empty.length) throw new BadRequestException({ message: empty.map((f) => `「${f.name}」文件为空（0 字节），请重新选择文件 (empty file: ${f.name.replace(/[()（）]/g, '')})`), error: 'Bad Request' });

      const allowed = new Set<string>(this.config.UPLOAD_ALLOWED_TYPES);
      const checked: { name: string; spooled: Spooled; type: FileType; mediaType: string }[] = [];
      const refused: string[] = [];
      for (const f of parts.files) {
        const sniffed = f.spooled.size > 0 ? await sniffFile(f.spooled.path) : null;
        const claimed = typeOfExtension(f.name);
        const sameFamily = sniffed && (claimed === null || claimed === sniffed.type);
        if (!sniffed || !allowed.has(sniffed.type)) refused.push(`${f.name}（内容${sniffed ? `为${sniffed.type.toUpperCase()}` : '无法识别'}）`);
        else if (!sameFamily) refused.push(`${f.name}（扩展名与内容${sniffed.type.toUpperCase()}不符）`);
        else checked.push({ name: f.name, spooled: f.spooled, type: sniffed.type, mediaType: sniffed.mediaType });
      }
      if (refused.length) {
        const kinds = [...allowed].map((t) => t.toUpperCase()).join('、');
        throw new UnsupportedMediaTypeException({
          message: `不支持的文件类型：${refused.join('；')}。仅接受 ${kinds}，按文件内容判断 (unsupported file type, judged by content; accepted: ${[...allowed].join(', ')})`,
        });
      }
      // The same content twice in the draft (chosen again, or again on the phone): the draft's file is answered, marked
      // duplicate, and nothing is added — one file in the 报送, whatever its name the second time.
      const draft = new Map(draftFiles(actor, task, await this.files.forTask(campaignId, taskId)).map((f) => [f.sha256, f]));
      const rows: Omit<UploadedFileEntity, 'uploadedAt'>[] = [];
      const answer: { id: string; existing?: UploadedFileEntity; duplicate: boolean }[] = [];
      for (const c of checked) {
        const inDraft = draft.get(c.spooled.sha256);
        if (inDraft) {
          answer.push({ id: inDraft.id, existing: inDraft, duplicate: true });
          continue;
        }
        const twice = rows.find((r) => r.sha256 === c.spooled.sha256);
        if (twice) {
          answer.push({ id: twice.id, duplicate: true });
          continue;
        }
        await this.store.putFile(c.spooled.path, c.spooled);
        const id = randomUUID();
        rows.push({
          id, campaignId, taskId, unitId: task.unitId, name: c.name.trim(), size: c.spooled.size, mediaType: c.mediaType, fileType: c.type,
          sha256: c.spooled.sha256, storage: this.store.kind, uploadedBy: actor.id, uploadedByName: actor.name, uploadedByUnitId: actor.unitId ?? null,
        });
        answer.push({ id, duplicate: false });
      }
      const saved = await this.files.insert(rows);
      const byId = new Map(saved.map((f) => [f.id, f]));
      const out = answer.map((a): FileOut => ({ ...fileOut(a.existing ?? (byId.get(a.id) as UploadedFileEntity)), ...(a.duplicate ? { duplicate: true as const } : {}) }));
      if (!saved.length) return out;
      await this.trail.append([
        {
          campaignId, at: new Date().toISOString(), actor: { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null },
          action: 'file-upload', taskId, indicatorCode: task.indicatorCode ?? null, outcome: 'accepted', workflowId: campaign.workflowId,
          detail: { files: saved.map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256, mediaType: f.mediaType })) }, dedupeKey: `api|upload|${randomUUID()}`,
        },
      ]);
      return out;
    } finally {
      await Promise.all(parts.files.map((f) => rm(f.spooled.path, { force: true })));
    }
  }

  /** Reads the multipart body; each file goes to its own spool file (at most `max` bytes kept, the excess drained). */
  private receive(req: Request, max: number): Promise<{ files: { name: string; spooled: Spooled }[]; tooMany: boolean }> {
    const dir = uploadTmpDir(this.config);
    return new Promise((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: max, files: this.config.UPLOAD_MAX_FILES, fields: 50, fieldSize: 64 * 1024 } });
      } catch (e) {
        reject(new BadRequestException({ message: [`无法解析上传请求 (${e instanceof Error ? e.message : String(e)})`], error: 'Bad Request' }));
        return;
      }
      const pending: Promise<{ name: string; spooled: Spooled }>[] = [];
      let tooMany = false;
      bb.on('file', (_field: string, stream: Readable & { truncated?: boolean }, info: busboy.FileInfo) => {
        let limited = false;
        stream.on('limit', () => (limited = true));
        pending.push(
          spool(stream, dir).then((s) => ({ name: info.filename ?? '', spooled: { ...s, truncated: limited || stream.truncated === true } })),
        );
      });
      bb.on('filesLimit', () => (tooMany = true));
      bb.on('error', (e: Error) => {
        Promise.allSettled(pending).then((done) => {
          for (const d of done) if (d.status === 'fulfilled') void rm(d.value.spooled.path, { force: true });
          reject(new BadRequestException({ message: [`上传中断或格式错误 (malformed or interrupted upload: ${e.message})`], error: 'Bad Request' }));
        });
      });
      bb.on('close', () => {
        Promise.all(pending).then((files) => resolve({ files, tooMany }), reject);
      });
      req.pipe(bb);
    });
  }

  // ---- read -----------------------------------------------------------------------------------------------------

  /** The task's files (deleted ones are gone); `draft`: only the actor's 报送 draft (draftFiles), on whatever device. */
  async list(actor: Actor, campaignId: string, taskId: string, draft = false): Promise<FileOut[]> {
    const { task } = await this.taskFor(actor, campaignId, taskId, 'read');
    const files = await this.files.forTask(campaignId, taskId);
    return (draft ? draftFiles(actor, task, files) : files).map(fileOut);
  }

  /**
   * Deletes an unsent file (移除 in the 报送 form): whoever may upload to the task now (the policy: 409 while it is sent,
   * 403 read-only, 404 not theirs), and only a file of their side (their unit's, or their own) — another's is 404. A
   * file that is part of a submission (or anything the task carries) is 409: the record keeps it. Audited (删除材料);
   * the bytes stay in the content-addressed store (the upload's audit record names their hash; another file may share them).
   */
  async remove(actor: Actor, campaignId: string, taskId: string, fileId: string): Promise<void> {
    const { campaign, task } = await this.taskFor(actor, campaignId, taskId, 'write', 'remove');
    const file = await this.files.get(campaignId, fileId);
    if (!file || file.taskId !== taskId || !uploadedBySameSide(actor, file)) {
      throw new NotFoundException({ message: `文件不存在或不是本单位上传的 (file ${fileId} not found in task ${taskId}, or not uploaded by your unit)` });
    }
    const refused = async () => {
      const reason = `「${file.name}」已随报送提交，不能删除 (the file is part of a submission)`;
      await this.recordRefusal(campaign, actor, 'file-delete', task, 'refused', reason, { fileId: file.id, name: file.name });
      return new ConflictException({ message: reason });
    };
    if (referencedBy(task, file.id)) throw await refused();
    const done = await this.files.remove(campaignId, file.id);
    if (done === 'referenced') throw await refused();
    if (done === 'gone') return; // removed meanwhile (another device): the same end
    await this.trail.append([
      {
        campaignId, at: new Date().toISOString(), actor: { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null },
        action: 'file-delete', taskId, indicatorCode: task.indicatorCode ?? null, outcome: 'accepted', workflowId: campaign.workflowId,
        detail: { fileId: file.id, name: file.name, size: file.size, sha256: file.sha256, uploadedBy: file.uploadedBy, uploadedAt: file.uploadedAt.toISOString() }, dedupeKey: `api|file-delete|${randomUUID()}`,
      },
    ]);
  }

  /** Opens a file for download (access-checked) and audits the download — or the 预览, when it is opened to be read in the browser. */
  async open(actor: Actor, campaignId: string, taskId: string, fileId: string, preview = false): Promise<{ file: UploadedFileEntity; stream: Readable }> {
    const { campaign, task } = await this.taskFor(actor, campaignId, taskId, 'read');
    const file = await this.files.get(campaignId, fileId);
    if (!file || file.taskId !== taskId) throw new NotFoundException({ message: `文件不存在 (file ${fileId} not found in task ${taskId})` });
    return { file, stream: await this.streamAudited(actor, campaign, task, file, preview) };
  }

  /**
   * The written opinion behind a 整改 (问题来源): a file of the external result whose finding opened it, for whoever
   * reads the 整改 — its unit cannot read the stage's own task (walkthrough: the unit could not read the opinion it is
   * to answer). Only the opinion's files; the stage's page stays the office's and the inspectors'. Audited on the
   * stage's task, naming the 整改 it was read through.
   */
  async openOrigin(actor: Actor, campaignId: string, rectificationId: string, fileId: string, preview = false): Promise<{ file: UploadedFileEntity; stream: Readable }> {
    const { campaign, stage, file } = await this.originFile(actor, campaignId, rectificationId, fileId);
    return { file, stream: await this.streamAudited(actor, campaign, stage, file, preview, rectificationId) };
  }

  /** A file of the opinion behind this 整改, when the actor reads the 整改 (404 otherwise). */
  private async originFile(actor: Actor, campaignId: string, rectificationId: string, fileId: string): Promise<{ campaign: CampaignEntity; stage: CampaignTaskEntity; file: UploadedFileEntity }> {
    const { campaign, task: rectification } = await this.taskFor(actor, campaignId, rectificationId, 'read');
    const notFound = () => new NotFoundException({ message: `问题来源无此文件 (file ${fileId} is not in the opinion behind ${rectificationId})` });
    const parentId = rectification.view.kind === 'rectification' ? rectification.view.parentTaskId : undefined;
    const stage = parentId ? await this.campaigns.task(campaignId, parentId) : null;
    const result = stage?.view.externalResult;
    if (!stage || !findingOpening(result, rectificationId) || !(result?.evidence ?? []).some((e) => evidenceFileId(e) === fileId)) throw notFound();
    const file = await this.files.get(campaignId, fileId);
    if (!file || file.taskId !== stage.taskId) throw notFound();
    return { campaign, stage, file };
  }

  /**
   * The file's own address for a tab (file-links.ts): a token bound to the file, this reader and preview-or-download,
   * ending with the file's name. Access is checked now (nothing read, nothing audited) and again when it is opened.
   */
  async link(actor: Actor, campaignId: string, taskId: string, fileId: string, kind: 'task' | 'origin', preview: boolean): Promise<{ url: string; name: string; expiresAt: string }> {
    let file: UploadedFileEntity;
    if (kind === 'origin') file = (await this.originFile(actor, campaignId, taskId, fileId)).file;
    else {
      await this.taskFor(actor, campaignId, taskId, 'read');
      const f = await this.files.get(campaignId, fileId);
      if (!f || f.taskId !== taskId) throw new NotFoundException({ message: `文件不存在 (file ${fileId} not found in task ${taskId})` });
      file = f;
    }
    const now = Date.now();
    const exp = now + FILE_LINK_SECONDS * 1000;
    const a = { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null, organizationId: actor.organizationId ?? null };
    const token = signFileLink(this.config.JWT_SECRET, { c: campaignId, t: taskId, f: fileId, k: kind, p: preview, a, iat: now, exp });
    return { url: fileLinkPath(token, file.name), name: file.name, expiresAt: new Date(exp).toISOString() };
  }

  /** Opens a file by its address (link): the reader as now (a deactivated account or one signed out since: 401), access again, audited. */
  async openLink(token: string): Promise<{ file: UploadedFileEntity; stream: Readable; preview: boolean }> {
    const c = verifyFileLink(this.config.JWT_SECRET, token);
    // the reader's account first (the database answers every request, a link's too: 503 while it is down, as everywhere)
    const session = await this.sessions.get(c?.a.id ?? '');
    // a public address: an unknown or expired one is not found (401 is for the bearer header, which a tab never sends)
    if (!c) throw new NotFoundException({ message: '文件链接无效或已过期，请回到任务页重新打开 (the file link is invalid or has expired)' });
    if (session && (!session.active || (session.tokensValidAfter && c.iat < session.tokensValidAfter.getTime()))) {
      throw new ForbiddenException({ message: '账号已停用或密码已更改，请重新登录后再打开 (the account was deactivated or its sessions revoked since the link was issued)' });
    }
    const actor: Actor = session
      ? { id: session.id, name: session.name, roles: session.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)), unitId: session.unitId, organizationId: session.organizationId }
      : { id: c.a.id, name: c.a.name, roles: c.a.roles, unitId: c.a.unitId ?? null, organizationId: c.a.organizationId ?? null };
    const opened = c.k === 'origin' ? await this.openOrigin(actor, c.c, c.t, c.f, c.p) : await this.open(actor, c.c, c.t, c.f, c.p);
    return { ...opened, preview: c.p };
  }

  /** The stored bytes of a file, its reading audited (下载材料, or 预览材料; `via`: the 整改 it was read through). */
  private async streamAudited(actor: Actor, campaign: CampaignEntity, task: CampaignTaskEntity, file: UploadedFileEntity, preview: boolean, via?: string): Promise<Readable> {
    await this.holder.ready();
    let stream: Readable;
    try {
      stream = await this.store.get(file.sha256);
    } catch (e) {
      if (e instanceof BlobNotFoundError) throw new GoneException({ message: `文件内容已丢失，请联系管理员核查 (the stored bytes of ${file.name} are missing)` });
      throw e;
    }
    await this.trail.append([
      {
        campaignId: campaign.id, at: new Date().toISOString(), actor: { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null },
        action: preview ? 'file-preview' : 'file-download', taskId: task.taskId, indicatorCode: task.indicatorCode ?? null, outcome: 'accepted', workflowId: campaign.workflowId,
        detail: { fileId: file.id, name: file.name, size: file.size, sha256: file.sha256, ...(via ? { via } : {}) }, dedupeKey: `api|download|${randomUUID()}`,
      },
    ]);
    return stream;
  }

  // ---- submit ---------------------------------------------------------------------------------------------------

  /**
   * The evidence a submission carries: the uploaded files it names (each must exist and belong to this task) and
   * http(s) links. When the actor is the one who would submit, the template's file requirement for the task kind is
   * enforced. Either failure is a CampaignRefusal ('invalid': 400 naming the files or what is missing), which the
   * caller hands to CampaignsService.refuse (audited as a refused attempt). Unknown campaign/task and denials are left
   * to the action itself.
   */
  async evidenceFor(actor: Actor, campaignId: string, taskId: string, fileIds: string[] = [], links: { name: string; url: string }[] = [], read?: (rows: ActingRows) => void): Promise<Evidence[] | undefined> {
    const [campaign, task] = await Promise.all([this.campaigns.head(campaignId), this.campaigns.task(campaignId, taskId)]); // no snapshot needed
    read?.({ campaign, task }); // the action goes on with these rows instead of reading them again
    if (!campaign || !task) return undefined;
    const ids = [...new Set(fileIds)];
    const found = await this.files.byIds(campaignId, ids);
    const byId = new Map(found.map((f) => [f.id, f]));
    const bad = ids.filter((id) => byId.get(id)?.taskId !== taskId);
    if (bad.length) throw new CampaignRefusal('invalid', await this.missingFilesReason(campaignId, taskId, bad, byId));
    const template = await this.templates.get(campaign.templateId).catch(() => null);
    if (fileAccess(actor, task, template?.units ?? []) === 'write') {
      const need = template ? evidenceRequirement(template, task.kind) : null;
      if (need && ids.length < need.minFiles) {
        throw new CampaignRefusal('invalid', `「${task.title}」报送时须上传${need.label}（至少${need.minFiles}个文件，已附${ids.length}个）(missing files: ${task.kind} requires at least ${need.minFiles} uploaded file(s))`);
      }
    }
    const evidence: Evidence[] = [
      ...ids.map((id) => {
        const f = byId.get(id) as UploadedFileEntity;
        return { name: f.name, ref: fileEvidenceRef(f.id), sha256: f.sha256, size: f.size };
      }),
      ...links.map((l) => ({ name: l.name, ref: l.url })),
    ];
    return evidence.length ? evidence : undefined;
  }

  /**
   * Why a submission's files are not this task's, naming each by its name where it is known (walkthrough: a file removed
   * on the phone, then 报送 on the desktop, read 「文件不存在或不属于此任务：885a64bd-…」 on the screen and in the audit): removed
   * since (its 删除未报送材料 record names it), another task's, or unknown. The ids only in the English tail.
   */
  private async missingFilesReason(campaignId: string, taskId: string, bad: string[], found: Map<string, UploadedFileEntity>): Promise<string> {
    const removed = new Map<string, string>();
    if (bad.some((id) => !found.has(id))) {
      for (const r of await this.audit.list(campaignId, { action: 'file-delete', taskId, outcome: 'accepted' })) {
        const d = r.detail as { fileId?: unknown; name?: unknown } | null;
        if (typeof d?.fileId === 'string' && typeof d.name === 'string') removed.set(d.fileId, d.name);
      }
    }
    const names = (ids: string[], from: (id: string) => string | undefined) => ids.map((id) => `「${from(id)}」`).join('、');
    const gone = bad.filter((id) => !found.has(id) && removed.has(id));
    const elsewhere = bad.filter((id) => found.has(id));
    const unknown = bad.filter((id) => !found.has(id) && !removed.has(id));
    const parts = [
      ...(gone.length ? [`${names(gone, (id) => removed.get(id))}已被移除，请重新选择文件`] : []),
      ...(elsewhere.length ? [`${names(elsewhere, (id) => found.get(id)?.name)}不属于此任务，请先上传到本任务`] : []),
      ...(unknown.length ? [`有${unknown.length}个文件不存在，请重新选择文件`] : []),
    ];
    return `${parts.join('；')} (files not uploaded to this task: ${bad.join(', ')})`;
  }

  // ---- integrity ------------------------------------------------------------------------------------------------

  /**
   * Every file an accepted submission or external result (预审意见 …) referenced (as recorded in its audit entry) must
   * still have its recorded hash in the store. Returns the problems, naming each file.
   */
  async verifyReferencedFiles(campaignId: string): Promise<{ checked: number; problems: { fileId: string | null; name: string; taskId: string | null; auditSeq: number; sha256: string; problem: 'missing' | 'altered'; actualSha256?: string }[] }> {
    await this.holder.ready();
    const submits = await this.audit.list(campaignId, { actions: ['submit', 'recordExternalResult'], outcome: 'accepted' });
    const results = new Map<string, string | null>();
    const problems: Awaited<ReturnType<FilesService['verifyReferencedFiles']>>['problems'] = [];
    let checked = 0;
    for (const r of submits) {
      const evidence = (r.detail as { evidence?: unknown } | null)?.evidence;
      if (!Array.isArray(evidence)) continue;
      for (const e of evidence as Evidence[]) {
        if (!e?.sha256) continue;
        if (!results.has(e.sha256)) results.set(e.sha256, await this.store.rehash(e.sha256));
        checked++;
        const actual = results.get(e.sha256);
        if (actual === e.sha256) continue;
        const fileId = FILE_REF.exec(e.ref)?.[1] ?? null;
        problems.push({ fileId, name: e.name, taskId: r.taskId, auditSeq: r.seq, sha256: e.sha256, problem: actual === null ? 'missing' : 'altered', ...(actual ? { actualSha256: actual } : {}) });
      }
    }
    return { checked, problems };
  }

  private unitsOf(campaign: CampaignEntity) {
    return this.templates.get(campaign.templateId).then((t) => t.units, () => []);
  }

  /**
   * A denied (not theirs: 404/403) or refused (not now, not acceptable: 409/413/415/400) file request, on the record
   * with its reason — only once the task is known and the caller signed in.
   */
  private async recordRefusal(campaign: CampaignEntity, actor: Actor, action: string, task: CampaignTaskEntity, outcome: 'denied' | 'refused', reason: string, detail?: Record<string, unknown>) {
    // As for actions: one user cannot flood a campaign's trail with refused file requests (past the limit: 429, not recorded).
    const limit = DENIAL_LIMITS[outcome];
    if ((await this.audit.countRecent(campaign.id, actor.id, outcome, limit.seconds)) >= limit.max) {
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: `被拒绝的请求过多，请${Math.round(limit.seconds / 60)}分钟后再试 (too many ${outcome} attempts on this campaign; retry later)` },
        429,
      );
    }
    await this.trail.append([
      {
        campaignId: campaign.id, at: new Date().toISOString(), actor: { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null },
        action, taskId: task.taskId, indicatorCode: task.indicatorCode ?? null, outcome, reason, workflowId: campaign.workflowId, ...(detail ? { detail } : {}), dedupeKey: `api|${action}|${randomUUID()}`,
      },
    ]);
  }
}
