/**
 * The application dossier (申报材料包) as a streamed zip: one folder per domain and indicator (编号-名称) holding
 * the approved files of every responsible unit (certificates of not-applicable indicators inside their indicator),
 * the veto attestations, the key-project statements, the other approved materials, a cover workbook 目录.xlsx
 * (indicator, target, achieved value, status, unit, file, sha256, approver, date), manifest.json tying every file
 * to the audit record of the submission that used it, and the audit chain itself (audit-chain.jsonl) so an
 * inspector can verify offline. Files are appended one at a time from the blob store, stored uncompressed and
 * piped with back-pressure: memory stays constant whatever the dossier's size.
 */
import { ConflictException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { randomUUID } from 'crypto';
import type { Response } from 'express';
import { Readable } from 'stream';
import { type Evidence, evidenceFileId, DOMAIN_KEYS, DOMAIN_NAMES, type CampaignTemplate, beijingDateText, decisionLabel, taskStatusText, type TaskStatus } from '@eco/domain';
import { type AuditRecordEntity, type CampaignTaskEntity, type UploadedFileEntity, AuditRepository, CampaignRepository, UploadedFileRepository } from '@eco/persistence';
import { contentDisposition, numberedFileName, safeFileName, safePathSegment } from '@eco/storage';
import { AuditTrail } from '../audit/audit-trail.service';
import { beijingText } from '../campaigns/audit-export';
import type { Actor } from '../auth/actor';
import { campaignNotFound, TenancyService } from '../auth/tenancy.service';
import { TemplateCatalogService } from '../templates/template-catalog.service';
import { streamZip, type ZipPart } from './dossier-zip';
import { mayReadDossier } from './file-access';
import { FilesService } from './files.service';

/** `2027-03-05 周五`, Beijing time. */
export function beijingDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return beijingDateText(Date.parse(iso));
}

export interface DossierEntry {
  path: string;
  file: UploadedFileEntity;
  task: CampaignTaskEntity;
  section: string;
  indicatorCode: string | null;
  approvedBy: string[];
  approvedAt: string | null;
  value: unknown;
  submitAudit: { seq: number; hash: string } | null;
}

@Injectable()
export class DossierService {
  private readonly log = new Logger('Dossier');

  constructor(
    private readonly files: FilesService,
    private readonly uploaded: UploadedFileRepository,
    private readonly campaigns: CampaignRepository,
    private readonly audit: AuditRepository,
    private readonly trail: AuditTrail,
    private readonly templates: TemplateCatalogService,
    private readonly tenancy: TenancyService,
  ) {}

  /**
   * The campaign, its plan, its task rows and its files for a reader of its dossier — access first (404 for an unknown
   * campaign or another county's, 403 for those who may not read the whole dossier), before anything is read or sent.
   */
  private async load(actor: Actor, campaignId: string, refused: string) {
    const campaign = await this.campaigns.get(campaignId);
    if (!campaign || !(await this.tenancy.access(actor, campaign))) throw campaignNotFound(campaignId);
    if (!mayReadDossier(actor)) throw new ForbiddenException({ message: `只有领导小组办公室、领导和核查人员可以${refused}申报材料包 (office, leaders and inspectors only)` });
    const template = await this.templates.get(campaign.templateId);
    const tasks = await this.campaigns.tasks(campaignId, {});
    const fileRows = new Map((await this.uploaded.forCampaign(campaignId)).map((f) => [f.id, f]));
    return { campaign, template, tasks, fileRows };
  }

  async stream(actor: Actor, campaignId: string, res: Response): Promise<void> {
    const { campaign, template, tasks, fileRows } = await this.load(actor, campaignId, '导出');
    const auditRows = await this.audit.list(campaignId);
    const entries = this.plan(template, tasks, fileRows, auditRows);

    // Every file must still be in the store: a clear 409 now rather than a broken zip later.
    await this.files.ready();
    const missing: string[] = [];
    for (const e of entries) if (!(await this.files.store.stat(e.file.sha256))) missing.push(e.file.name);
    if (missing.length) {
      throw new ConflictException({ message: `以下材料的文件内容缺失，无法生成申报材料包，请先运行审计校验：${missing.join('、')} (stored bytes missing for: ${missing.join(', ')})` });
    }
    const chain = await this.audit.verify(campaignId);
    await this.trail.append([
      {
        campaignId, at: new Date().toISOString(), actor: { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null },
        action: 'dossier-download', outcome: 'accepted', workflowId: campaign.workflowId, detail: { files: entries.length }, dedupeKey: `api|dossier|${randomUUID()}`,
      },
    ]);

    const zipName = `${campaign.name}-申报材料.zip`;
    res.status(200);
    res.set({ 'Content-Type': 'application/zip', 'Content-Disposition': contentDisposition(zipName), 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    const root = safePathSegment(`${campaign.name}-申报材料`);
    const generatedAt = new Date().toISOString();
    const cover = await this.coverWorkbook(campaign.name, template, tasks, entries, generatedAt);
    const store = this.files.store;
    const manifest = {
      format: 'eco-dossier/1',
      campaign: { id: campaign.id, name: campaign.name, region: campaign.region, templateId: campaign.templateId, workflowId: campaign.workflowId },
      generatedAt,
      generatedBy: { id: actor.id, name: actor.name },
      auditChain: { valid: chain.valid, count: chain.count, ...(chain.brokenAt ? { brokenAt: chain.brokenAt } : {}), head: auditRows.length ? { seq: auditRows[auditRows.length - 1].seq, hash: auditRows[auditRows.length - 1].hash } : null },
      howToVerify: HOW_TO_VERIFY,
      files: entries.map((e) => ({
        path: `${root}/${e.path}`, name: e.file.name, sha256: e.file.sha256, size: e.file.size, mediaType: e.file.mediaType, fileId: e.file.id, taskId: e.task.taskId,
        indicatorCode: e.indicatorCode, unitId: e.task.unitId, approvedBy: e.approvedBy, approvedAt: e.approvedAt, submitAudit: e.submitAudit,
      })),
    };
    const folder = (ind: CampaignTemplate['indicators'][number]) => this.indicatorFolder(ind);
    function* parts(): Generator<ZipPart> {
      // One folder per domain and indicator, also where no file has been approved yet.
      for (const ind of template.indicators) yield { kind: 'dir', name: `${root}/${folder(ind)}/` };
      yield { kind: 'data', name: `${root}/目录.xlsx`, data: cover };
      for (const e of entries) yield { kind: 'blob', name: `${root}/${e.path}`, open: () => store.get(e.file.sha256), date: e.file.uploadedAt };
      yield { kind: 'data', name: `${root}/manifest.json`, data: JSON.stringify(manifest, null, 2) };
      yield { kind: 'data', name: `${root}/audit-chain.jsonl`, data: Readable.from(auditJsonLines(auditRows)) };
    }
    try {
      await streamZip(res, parts(), (w) => this.log.warn(`dossier ${campaignId}: ${w}`));
    } catch (e) {
      // Headers are gone already: cut the connection so the client sees a broken download, not a truncated "success".
      this.log.error(`dossier ${campaignId} aborted: ${e instanceof Error ? e.message : String(e)}`);
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /**
   * 申报材料包 at a glance (GET /campaigns/:id/dossier): what the zip would hold now — its files and bytes, how many of
   * the plan's indicators have an approved file, and each indicator task without one (taken over: 接管前已完成, its
   * material never sent through the system). Read where the application is prepared and signed, so that nobody signs
   * an empty dossier unaware (walkthrough: a taken-over campaign's gate read 已全部满足 with 0 files in the package).
   * The same readers as the zip; nothing is audited (no file is read).
   */
  async summary(actor: Actor, campaignId: string): Promise<DossierSummary> {
    const { template, tasks, fileRows } = await this.load(actor, campaignId, '查看');
    // no audit rows: the summary names no submission (plan() reads them only for each file's submitAudit)
    const entries = this.plan(template, tasks, fileRows, []);
    const units = new Map(template.units.map((u) => [u.id, u.name]));
    const indicators = new Map(template.indicators.map((i) => [i.code, i]));
    const withFiles = new Set(entries.filter((e) => e.indicatorCode).map((e) => e.indicatorCode!));
    const codesWithFiles = template.indicators.filter((i) => withFiles.has(i.code)).map((i) => i.code);
    return {
      files: entries.length,
      bytes: entries.reduce((n, e) => n + Number(e.file.size), 0),
      indicators: { total: template.indicators.length, withFiles: codesWithFiles.length, codesWithFiles },
      withoutFiles: withoutFiles(template, tasks, entries).map((t) => {
        const ind = indicators.get(t.indicatorCode ?? '');
        const takenOver = t.view.resolution === 'taken-over';
        return {
          taskId: t.taskId, kind: t.kind, indicatorCode: t.indicatorCode, indicatorName: ind?.name ?? null, attribute: ind?.attribute ?? null,
          unitId: t.unitId, unitName: t.unitId ? (units.get(t.unitId) ?? t.unitId) : null, status: t.status, statusLabel: statusText(t), takenOver,
        };
      }),
    };
  }

  private indicatorFolder(ind: CampaignTemplate['indicators'][number]): string {
    const d = DOMAIN_KEYS.indexOf(ind.domain) + 1;
    return `${d}-${DOMAIN_NAMES[ind.domain]}/${safePathSegment(`${ind.code}-${ind.name}`, 80)}`;
  }

  /** Where every approved file goes, in a stable order (domains and indicators first, then the other sections). */
  plan(template: CampaignTemplate, tasks: CampaignTaskEntity[], files: Map<string, UploadedFileEntity>, auditRows: AuditRecordEntity[]): DossierEntry[] {
    const units = new Map(template.units.map((u) => [u.id, u.shortName || u.name]));
    const indicators = new Map(template.indicators.map((i) => [i.code, i]));
    const rank = planRank(template);
    const submits = auditRows.filter((r) => r.action === 'submit' && r.outcome === 'accepted');
    const out: DossierEntry[] = [];
    const used = new Set<string>();
    const sorted = [...tasks].sort((a, b) => rank(a) - rank(b) || a.taskId.localeCompare(b.taskId));
    const recorded = auditRows.filter((r) => r.action === 'recordExternalResult' && r.outcome === 'accepted');
    // every entry a usable name with its extension (「  .pdf」 → 未命名.pdf, CON.PDF → _CON.PDF); unique in its folder as
    // Windows and macOS compare names (case-insensitively): 照片.JPG beside 照片.jpg becomes 照片(2).JPG
    const place = (folder: string, fileName: string) => {
      const safe = safeFileName(fileName);
      let name = safe;
      for (let n = 2; used.has(`${folder}/${name}`.toLowerCase()); n++) name = numberedFileName(safe, n);
      used.add(`${folder}/${name}`.toLowerCase());
      return `${folder}/${name}`;
    };
    for (const task of sorted) {
      const view = task.view as Record<string, any>;
      // An external stage's written opinion (预审意见, 核查意见 …): filed under the stage, by whom and when it was recorded
      const result = task.view.externalResult;
      const opinion = (result?.evidence ?? []).filter((e) => evidenceFileId(e));
      const audit = opinion.length ? recorded.find((r) => r.taskId === task.taskId) : undefined;
      for (const ev of opinion) {
        const file = files.get(evidenceFileId(ev)!);
        if (!file || !result) continue;
        out.push({
          path: place(`外部审查意见/${safePathSegment(task.title, 60)}`, file.name), file, task, section: '外部审查意见', indicatorCode: task.indicatorCode, value: null,
          approvedBy: [result.byName ?? result.by], approvedAt: result.at, submitAudit: audit ? { seq: audit.seq, hash: audit.hash } : null,
        });
      }
      const round = [...((view.rounds ?? []) as any[])].reverse().find((r) => r.outcome === 'approved');
      if (!round) continue;
      const evidence = ((round.submission?.evidence ?? []) as Evidence[]).filter((e) => evidenceFileId(e));
      if (!evidence.length) continue;
      const unit = safePathSegment(units.get(task.unitId ?? '') ?? task.unitId ?? '办公室');
      const ind = task.indicatorCode ? indicators.get(task.indicatorCode) : undefined;
      let section: string;
      let folder: string;
      if (ind && task.kind === 'certificate') [section, folder] = ['不涉及证明', `${this.indicatorFolder(ind)}/不涉及证明-${unit}`];
      else if (ind) [section, folder] = ['指标', `${this.indicatorFolder(ind)}/${unit}`];
      else if (task.kind === 'veto-attestation') [section, folder] = ['一票否决事项', `一票否决事项承诺/${safePathSegment(task.taskId.replace(/^veto-attestation:/, '否决情形'))}-${unit}`];
      else if (task.kind === 'key-projects') [section, folder] = ['重点工程项目', `重点工程项目/${unit}`];
      else [section, folder] = ['其他材料', `其他材料/${safePathSegment(task.title, 60)}`];
      const approvals = ((round.steps ?? []) as any[]).flatMap((s) => (s.decisions ?? []).filter((d: any) => d.decision === 'approve'));
      const submit = [...submits].reverse().find((r) => r.taskId === task.taskId && (r.detail as any)?.round === round.round);
      for (const ev of evidence) {
        const file = files.get(evidenceFileId(ev)!);
        if (!file) continue;
        out.push({
          path: place(folder, file.name), file, task, section, indicatorCode: task.indicatorCode, value: round.submission?.value ?? null,
          approvedBy: approvals.map((d: any) => d.byName ?? d.by), approvedAt: round.closedAt ?? null, submitAudit: submit ? { seq: submit.seq, hash: submit.hash } : null,
        });
      }
    }
    return out;
  }

  /** 目录: one row per file (and one per indicator task without an approved file), with hashes and approvers. */
  private async coverWorkbook(campaignName: string, template: CampaignTemplate, tasks: CampaignTaskEntity[], entries: DossierEntry[], generatedAt: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = '生态文明建设示范区创建签批系统';
    const ws = wb.addWorksheet('目录');
    ws.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '类别', key: 'section', width: 12 },
      { header: '领域', key: 'domain', width: 10 },
      { header: '指标编号', key: 'code', width: 9 },
      { header: '指标名称', key: 'indicator', width: 30 },
      { header: '目标值', key: 'target', width: 14 },
      { header: '完成值', key: 'value', width: 14 },
      { header: '状态', key: 'status', width: 9 },
      { header: '责任单位', key: 'unit', width: 16 },
      { header: '文件名', key: 'file', width: 32 },
      { header: 'SHA-256', key: 'sha256', width: 66 },
      { header: '大小(字节)', key: 'size', width: 12 },
      { header: '审核人', key: 'approver', width: 16 },
      { header: '审核日期', key: 'date', width: 16 },
      { header: '包内路径', key: 'path', width: 60 },
    ];
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }]; // the header stays while an inspector scrolls 160 rows (as the audit workbook)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
    const units = new Map(template.units.map((u) => [u.id, u.name]));
    const indicators = new Map(template.indicators.map((i) => [i.code, i]));
    const rank = planRank(template);
    let n = 0;
    const indicatorCols = (code: string | null) => {
      const ind = code ? indicators.get(code) : undefined;
      return ind ? { domain: DOMAIN_NAMES[ind.domain], code: ind.code, indicator: ind.name, target: `${ind.target}${ind.unit && ind.unit !== '-' ? ` ${ind.unit}` : ''}` } : { domain: '', code: code ?? '', indicator: '', target: '' };
    };
    // One list in the plan's order (指标1, 2, … then the other sections): an indicator's files, then its tasks without
    // an approved file (walkthrough: those came after every file, in the database's text order — 1, 10, 11 …, 2, 20 …).
    const rows: { rank: number; row: Record<string, unknown> }[] = entries.map((e) => ({
      rank: rank(e.task),
      row: {
        section: e.section, ...indicatorCols(e.indicatorCode), value: e.value === null || e.value === undefined ? '' : String(e.value),
        status: statusText(e.task), unit: units.get(e.task.unitId ?? '') ?? e.task.unitId ?? '', file: e.file.name, sha256: e.file.sha256,
        size: e.file.size, approver: e.approvedBy.join('、'), date: beijingDate(e.approvedAt), path: e.path,
      },
    }));
    for (const t of withoutFiles(template, tasks, entries)) {
      const file = t.view.resolution === 'taken-over' ? '（接管前已完成，材料未在本系统报送）' : '（无已通过材料）';
      rows.push({ rank: rank(t), row: { section: t.kind === 'certificate' ? '不涉及证明' : '指标', ...indicatorCols(t.indicatorCode), status: statusText(t), unit: units.get(t.unitId ?? '') ?? t.unitId ?? '', file } });
    }
    for (const { row } of rows.sort((a, b) => a.rank - b.rank)) ws.addRow({ n: ++n, ...row }); // stable: files first within an indicator
    addDecisionSheet(wb, tasks, units);
    const info = wb.addWorksheet('说明');
    info.addRows([
      ['活动', campaignName],
      ['方案', template.name],
      ['生成时间', `${beijingText(generatedAt)}（北京时间）`],
      ['文件数', entries.length],
      ['校验方法', '每个文件的 SHA-256 与本目录及 manifest.json 一致，并与审计记录中报送时登记的哈希一致'],
    ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

/**
 * 审批意见: every signer's decision on every task, round by round — who signed which step, their verdict (同意 / 修改后通过 /
 * 退回) and their words, when: the experts' review comments and the office's 退回 reasons as an inspector reads them.
 */
function addDecisionSheet(wb: ExcelJS.Workbook, tasks: CampaignTaskEntity[], units: Map<string, string>): void {
  const ws = wb.addWorksheet('审批意见');
  ws.columns = [
    { header: '任务', key: 'task', width: 40 },
    { header: '责任单位', key: 'unit', width: 16 },
    { header: '轮次', key: 'round', width: 6 },
    { header: '审批环节', key: 'step', width: 18 },
    { header: '签批人', key: 'by', width: 14 },
    { header: '意见', key: 'verdict', width: 12 },
    { header: '说明', key: 'comment', width: 50 },
    { header: '签批时间', key: 'at', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const t of tasks) {
    const view = t.view;
    for (const r of view.rounds ?? []) {
      for (const st of r.steps ?? []) {
        for (const d of st.decisions ?? []) {
          ws.addRow({ task: view.title ?? t.title, unit: units.get(t.unitId ?? '') ?? t.unitId ?? '', round: r.round, step: st.name, by: d.byName ?? d.by, verdict: decisionLabel(d, st), comment: d.comment ?? '', at: d.at ? beijingText(d.at) : '' });
        }
      }
    }
  }
}

/**
 * What the manifest tells an inspector about checking the package — the truth: a file's hash can be checked offline; the
 * audit chain is a keyed hash (HMAC-SHA256 under a key kept on the server, libs/persistence/src/audit-hash.ts), so it is
 * checked by the system (审计链校验 on the 审计记录 page, GET …/audit/verify), not recomputed from audit-chain.jsonl
 * (walkthrough: a plain sha256 as the manifest said made every record look forged).
 */
export const HOW_TO_VERIFY = {
  files:
    '离线可核对：用任意 SHA-256 工具计算每个文件的哈希，应等于 manifest.json 中 files[].sha256，并等于审计记录（audit-chain.jsonl 中 seq 为 files[].submitAudit.seq 的那条）detail.evidence 所载的 sha256；该条记录的 hash 应等于 files[].submitAudit.hash。',
  auditChain:
    '审计链不能离线重算：每条记录的 hash = HMAC-SHA256(服务器端密钥, prevHash + 规范化JSON(记录字段))，密钥只保存在系统服务器上（不在数据库中，也不随材料包导出），记录字段含 organizationId 与 hashVersion（hashVersion 为 1 的早期记录不含这两项）。audit-chain.jsonl 逐条列出这些字段及 prevHash、hash，可离线核对链的连续性：每条的 prevHash 等于上一条的 hash，首条 prevHash 为 64 个 0；记录是否被篡改须由系统校验——在系统「审计记录」页点击审计链校验，或调用 GET /api/campaigns/{活动ID}/audit/verify（需登录），其结果及导出时的校验结论见 manifest.json 的 auditChain。',
  en:
    'Offline: each file hashes (SHA-256) to files[].sha256, which equals the sha256 in detail.evidence of audit record files[].submitAudit.seq (whose hash is files[].submitAudit.hash). The audit chain is HMAC-SHA256 under a server-side key (never exported): hash = HMAC(key, prevHash + canonical JSON of the record fields, including organizationId and hashVersion from hash version 2 on). Offline one can check the links (prevHash = previous hash, genesis 64 zeros); whether records were altered is checked by the system: 审计链校验 or GET /api/campaigns/:id/audit/verify (auditChain holds its result at export time).',
} as const;

function* auditJsonLines(rows: AuditRecordEntity[]): Generator<string> {
  for (const r of rows) {
    yield `${JSON.stringify({
      campaignId: r.campaignId, seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, actorRoles: r.actorRoles, actorUnitId: r.actorUnitId,
      onBehalfOf: r.onBehalfOf, action: r.action, taskId: r.taskId, indicatorCode: r.indicatorCode, step: r.step, outcome: r.outcome, reason: r.reason, comment: r.comment,
      workflowId: r.workflowId, updateId: r.updateId, detail: r.detail, organizationId: r.organizationId, hashVersion: r.hashVersion, prevHash: r.prevHash, hash: r.hash,
    })}\n`;
  }
}

/** A task's place in the plan: its indicator's position in the template (tasks of no indicator after every indicator). */
function planRank(template: CampaignTemplate): (t: Pick<CampaignTaskEntity, 'indicatorCode'>) => number {
  const order = new Map(template.indicators.map((i, n) => [i.code, n]));
  return (t) => order.get(t.indicatorCode ?? '') ?? 1e6;
}

/**
 * A task's status in the dossier: the domain's words (taskStatusText — 审批中, 待共同负责单位确认, as the task page says;
 * the dossier said 待审核), and 接管前已完成 for one the take-over marked done (approved, nothing sent).
 */
function statusText(t: CampaignTaskEntity): string {
  if (t.status === 'approved' && t.view.resolution === 'taken-over') return '接管前已完成';
  return taskStatusText({ status: t.status as TaskStatus, external: t.view.external, externalResult: t.view.externalResult, rounds: t.view.rounds });
}

/** The indicator tasks (contributions and certificates too) with no approved file in the dossier, in the plan's order. */
function withoutFiles(template: CampaignTemplate, tasks: CampaignTaskEntity[], entries: DossierEntry[]): CampaignTaskEntity[] {
  const withFiles = new Set(entries.map((e) => e.task.taskId));
  const rank = planRank(template);
  return tasks
    .filter((t) => t.indicatorCode && !withFiles.has(t.taskId) && ['indicator', 'indicator-contribution', 'certificate'].includes(t.kind))
    .sort((a, b) => rank(a) - rank(b) || a.taskId.localeCompare(b.taskId));
}

/** GET /campaigns/:id/dossier: what the 申报材料包 holds now. */
export interface DossierSummary {
  files: number;
  bytes: number;
  indicators: { total: number; withFiles: number; codesWithFiles: string[] };
  withoutFiles: {
    taskId: string; kind: string; indicatorCode: string | null; indicatorName: string | null; attribute: string | null;
    unitId: string | null; unitName: string | null; status: string; statusLabel: string; takenOver: boolean;
  }[];
}
