/**
 * The 报送 draft kept on this device per person and task (useSubmitDraft): the files uploaded but not yet sent and the
 * 报送说明 typed — both survive a reload, or a sign-in again after the session expired, until the task is sent.
 */
import type { FileInfo } from '../api/types';

export type DraftFile = Pick<FileInfo, 'id' | 'name' | 'size'> & { carried?: boolean };

export interface SubmitDraft {
  files: DraftFile[];
  comment?: string;
}

/** The draft as stored; an earlier version stored the files alone (an array). Anything else: no draft. */
export function readDraft(raw: string | null): SubmitDraft | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    if (Array.isArray(v)) return { files: v as DraftFile[] };
    if (v && typeof v === 'object' && Array.isArray((v as SubmitDraft).files)) {
      const d = v as SubmitDraft;
      return { files: d.files, ...(typeof d.comment === 'string' && d.comment ? { comment: d.comment } : {}) };
    }
  } catch {
    // unreadable: no draft
  }
  return null;
}

/** What to store: null (remove the draft) when there is nothing to keep. */
export function draftText(files: DraftFile[], comment: string | undefined): string | null {
  const kept = comment?.trim() ? comment : undefined;
  if (!files.length && !kept) return null;
  return JSON.stringify({ files, ...(kept ? { comment: kept } : {}) });
}

/** The confirmation's list of what goes: each file by name (a liaison sees she is resending last round's scan). */
export function sentFilesText(files: readonly { name: string; carried?: boolean }[]): string[] {
  return files.map((f) => `${f.name}${f.carried ? '（上次报送的文件）' : ''}`);
}
