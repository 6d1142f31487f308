/**
 * Zod pieces the command schemas share (text, reason, task id, instants, evidence, findings, formalities). Each
 * command's own schema lives in its module (`<name>.command.ts`).
 */
import { z } from 'zod';
import { SAFE_TEXT_MESSAGE, SAFE_TEXT_RE } from '../text/safe-text';

/** Every text field: no NUL, no unpaired surrogate (PostgreSQL could not store it; see text/safe-text). */
export const text = () => z.string().regex(SAFE_TEXT_RE, SAFE_TEXT_MESSAGE);

export const reason = text().trim().min(1, '必须填写原因 (reason required)');
export const taskId = text().min(1, '缺少任务 (taskId required)');
export const instant = z.number().int().finite();

export const EvidenceSchema = z.object({ name: text().min(1), ref: text().min(1), sha256: text().optional(), size: z.number().int().min(0).optional() }).strict();

export const FindingSchema = z
  .object({ title: text().trim().min(1, '问题描述不能为空 (finding title required)'), indicatorCode: text().min(1).optional(), unitId: text().min(1).optional() })
  .strict();

export const EXTERNAL_STAGES = ['pre-review', 'public-notice', 'inspection', 'review'] as const;
export type ExternalStage = (typeof EXTERNAL_STAGES)[number];
/** What an external stage can conclude: passed, failed, or passed with issues to rectify. */
export const EXTERNAL_OUTCOMES = ['passed', 'failed', 'issues'] as const;
export type ExternalOutcome = (typeof EXTERNAL_OUTCOMES)[number];

/** 重点工程项目 as a unit reports it (名称、规模、内容、投资概算). */
export const KeyProjectSchema = z
  .object({
    name: text().trim().min(1, '项目名称不能为空 (project name required)').max(300),
    scale: text().max(1000).optional(),
    content: text().max(4000).optional(),
    investment: text().max(300).optional(),
  })
  .strict();

/** Formalities of a submission (what the task kind requires is checked by the submit command / formalities.ts). */
export const SubmissionFormalitiesSchema = z
  .object({
    /** The submitted document carries the unit's seal (加盖单位公章). */
    seal: z.boolean().optional(),
    /** Name of the principal (主要负责人) who signed. */
    principalSignature: text().trim().min(1).max(100).optional(),
    /** The chosen outcome (e.g. projects | none; absent | occurred). */
    outcome: text().min(1).max(100).optional(),
    projects: z.array(KeyProjectSchema).max(200).optional(),
  })
  .strict();
