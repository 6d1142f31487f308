import { byteSizeText, uploadsClosedReason } from '@eco/domain';
import type { UploadPolicy } from '../api/types';

/** Can the browser show this file in a tab (预览): PDFs and pictures, by the file's name. */
export function canPreview(name: string): boolean {
  return /\.(pdf|png|jpe?g|gif|webp)$/i.test(name);
}

/** What the upload control says it takes: 支持 PDF、JPG，单个文件不超过 50 MB，一次最多 20 个. */
export function policyText(p: UploadPolicy): string {
  return `支持 ${p.allowedTypes.map((t) => t.toUpperCase()).join('、')}，单个文件不超过 ${byteSizeText(p.maxFileBytes)}，一次最多 ${p.maxFiles} 个`;
}

/**
 * Why files chosen together are not sent at all, by the server's own limits (it would refuse them after the whole
 * upload — a long wait on a phone): too many at once, or each file over the size limit, named. Null: send them. The
 * server still judges each file (type by content, size).
 */
export function refusedBeforeUpload(files: readonly { name: string; size: number }[], p: UploadPolicy): string[] {
  if (files.length > p.maxFiles) return [`一次最多上传 ${p.maxFiles} 个文件，本次选择了 ${files.length} 个，未上传`];
  return files.filter((f) => f.size > p.maxFileBytes).map((f) => `「${f.name}」超过 ${byteSizeText(p.maxFileBytes)} 上限，未上传`);
}

/**
 * A file just uploaded takes its place in the list; a file carried from the last submission under the same name goes
 * (the corrected scan replaces the one sent back: walkthrough — both went with the 补正, and the office could not tell
 * which was new). The entry says what it replaced — or, when its content is that of a carried file (the same scan
 * chosen again after a 退回), which file sent last time it is the same as (`sameAs`): nothing was replaced.
 */
export function placeUploaded<T extends { id: string; name: string; sha256?: string; carried?: boolean; replaced?: boolean; sameAs?: string }>(files: readonly T[], entryId: string, saved: T): T[] {
  const same = saved.sha256 ? files.find((x) => x.carried && x.sha256 === saved.sha256) : undefined;
  const replaced = files.some((x) => x.carried && x.name === saved.name);
  const goes = (x: T) => x.carried && (x.name === saved.name || x === same);
  const placed = { ...saved, ...(same ? { sameAs: same.name } : replaced ? { replaced: true } : {}) };
  return files.filter((x) => !goes(x)).map((x) => (x.id === entryId ? placed : x));
}

/**
 * Why a task's 支撑材料 cannot be uploaded now, as the picker says it: its campaign is paused (nothing is sent or
 * decided until it resumes) — or null when uploading is open (whether the server offers uploads at all is said apart).
 */
export function uploadClosedReason(c: { paused?: boolean; status?: string } | null | undefined): string | null {
  return c ? uploadsClosedReason(c) : null; // the domain's rule, which the API enforces (409)
}

/**
 * The server's 报送 draft joined to the form: the files the form holds stay where they are (uploading, carried from the
 * last submission, already listed), each draft file not among them is added after — on a second device the form starts
 * with what was uploaded on the first.
 */
export function mergeDraft<T extends { id: string }>(form: readonly T[], draft: readonly T[]): T[] {
  const held = new Set(form.map((f) => f.id));
  return [...form, ...draft.filter((d) => !held.has(d.id))];
}

/** What a file chosen again says when its content is uploaded already (the server keeps one file per content and round). */
export function uploadedTwice(chosen: string, existing: string): string {
  return chosen === existing ? `「${chosen}」已上传过，未重复添加` : `「${chosen}」与已上传的「${existing}」内容相同，未重复添加`;
}

/**
 * The form's files after the server's 报送 draft is read again (a 报送 refused because a file was removed on another
 * device meanwhile): an uploaded file of this round that is no longer in the draft leaves the form; what is carried from
 * the last submission, still uploading or refused stays; a draft file the form does not hold is added (mergeDraft).
 */
export function syncDraft<T extends { id: string; carried?: boolean; error?: string; progress?: number }>(form: readonly T[], draft: readonly T[]): T[] {
  const kept = new Set(draft.map((d) => d.id));
  return mergeDraft(form.filter((f) => f.carried || f.error || f.progress !== 100 || f.id.startsWith('local-') || kept.has(f.id)), draft);
}

/** What an upload whose content is that of a file sent last time says (placeUploaded's `sameAs`). */
export function sameAsSentText(sent: string): string {
  return `与上次报送的「${sent}」内容相同，已沿用`;
}
