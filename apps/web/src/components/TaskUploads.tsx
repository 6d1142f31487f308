import { DownloadOutlined, EyeOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Progress, Space, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, errorText, request, upload } from '../api/client';
import type { FileInfo, UploadPolicy } from '../api/types';
import { byteSizeText } from '@eco/domain';
import { canPreview, mergeDraft, placeUploaded, policyText, refusedBeforeUpload, sameAsSentText, syncDraft, uploadedTwice } from './upload-rules';

/**
 * A file of a task being uploaded, uploaded (progress 100), or refused (error); `carried` from the last submission;
 * `replaced`: it took the place of a carried file of the same name; `sameAs`: its content is that of the carried file so named.
 */
export type UploadEntry = FileInfo & { progress?: number; error?: string; carried?: boolean; replaced?: boolean; sameAs?: string };

/**
 * Files uploaded to one task (POST …/tasks/:taskId/files), with progress: what the server would refuse by number or
 * size is not sent (named in `notSent`); each file is sent on its own so one refusal does not cost the others.
 */
export function useTaskUploads(campaignId: string, taskId: string, policy: UploadPolicy | null | undefined) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadEntry[]>([]);
  const [notSent, setNotSent] = useState<string[]>([]);
  /** Files chosen again whose content is uploaded already (the server answers the file it has, nothing is added). */
  const [twice, setTwice] = useState<string[]>([]);

  async function send(file: File) {
    const entry: UploadEntry = { id: `local-${file.name}-${Date.now()}`, name: file.name, size: file.size, progress: 0 } as UploadEntry;
    setFiles((f) => [...f, entry]);
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      const [saved] = await upload<FileInfo[]>('uploadFile', { id: campaignId, taskId }, fd, (p) => setFiles((f) => f.map((x) => (x.id === entry.id ? { ...x, progress: Math.min(p, 99) } : x))));
      // the same content uploaded before in this round: the server answers that file (duplicate), said so, listed once
      if (saved.duplicate) setTwice((t) => [...t, uploadedTwice(file.name, saved.name)]);
      setFiles((f) => (f.some((x) => x.id === saved.id) ? f.filter((x) => x.id !== entry.id) : placeUploaded(f, entry.id, { ...saved, progress: 100 } as UploadEntry)));
    } catch (e) {
      setFiles((f) => f.map((x) => (x.id === entry.id ? { ...x, error: errorText(e) } : x)));
    }
  }

  function choose(chosen: File[]) {
    const refused = policy ? refusedBeforeUpload(chosen, policy) : [];
    setNotSent(refused);
    setTwice([]);
    if (refused.length) return;
    for (const f of chosen) void send(f);
  }

  /**
   * The task's 报送 draft as the server keeps it (GET …/files?draft=true): the files this unit uploaded in this round and
   * has not sent, on any device, joined to what the form holds (files carried from the last submission stay).
   */
  async function loadDraft(signal?: AbortSignal) {
    try {
      const draft = await request<FileInfo[]>('taskFiles', { params: { id: campaignId, taskId }, query: { draft: 'true' }, signal });
      setFiles((f) => mergeDraft(f, draft.map((d) => ({ ...d, progress: 100 }) as UploadEntry)));
    } catch {
      // no draft to show (aborted, or the files are not this reader's): the form as it is
    }
  }

  /**
   * The draft read again after a refused 报送 (a file removed on another device meanwhile): files no longer in it leave
   * the form, so it lists what the server holds (syncDraft).
   */
  async function reloadDraft() {
    try {
      const draft = await request<FileInfo[]>('taskFiles', { params: { id: campaignId, taskId }, query: { draft: 'true' } });
      setFiles((f) => syncDraft(f, draft.map((d) => ({ ...d, progress: 100 }) as UploadEntry)));
    } catch {
      // not read: the form as it is
    }
  }

  /**
   * 移除: a file uploaded and not yet sent is deleted on the server (DELETE, it leaves the draft on every device); one
   * carried from the last submission, or refused, only leaves this form (the record keeps what was sent).
   */
  async function remove(f: UploadEntry) {
    const drop = () => setFiles((all) => all.filter((x) => x.id !== f.id));
    if (f.carried || f.error || f.id.startsWith('local-')) return drop();
    try {
      await request<void>('deleteFile', { params: { id: campaignId, taskId, fileId: f.id } });
      drop();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return drop(); // gone already (removed on another device)
      message.error(`「${f.name}」未能移除：${errorText(e)}`);
    }
  }

  const ready = files.filter((f) => !f.error && f.progress === 100);
  const pending = files.some((f) => f.progress !== 100 && !f.error);
  return { files, setFiles, notSent, setNotSent, twice, setTwice, choose, ready, pending, loadDraft, reloadDraft, remove };
}

/** A file's size as people read it (byteSizeText, as the limits are stated); nothing when unknown. */
export function sizeText(n?: number): string {
  return n === undefined ? '' : byteSizeText(n);
}

/**
 * The picker and the list of a task's uploads — the task page's 支撑材料 (files carried from the last submission are
 * tagged 上次报送) and an external result's written opinion (预审意见, 核查意见 …). `note`: what the task requires, shown
 * above the server's limits; `closedReason`: why nothing can be uploaded now (活动已暂停), beside the disabled picker;
 * `onOpen`: 预览 / 下载 of an uploaded file before it is sent.
 */
export function TaskUploadField({ uploads, policy, label, disabled, closedReason, note, onOpen }: { uploads: ReturnType<typeof useTaskUploads>; policy: UploadPolicy | null | undefined; label: string; disabled?: boolean; closedReason?: string | null; note?: ReactNode; onOpen?: (f: UploadEntry, preview: boolean) => void }) {
  const { files, notSent, setNotSent, twice, setTwice, choose, remove } = uploads;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="task-uploads">
      <label>
        <input type="file" multiple accept={policy?.accept} data-testid="file-input" style={{ display: 'none' }} disabled={disabled} onChange={(e) => { choose(Array.from(e.target.files ?? [])); e.target.value = ''; }} />
        <Button icon={<UploadOutlined />} disabled={disabled} onClick={(e) => (e.currentTarget.previousSibling as HTMLInputElement | null)?.click()} data-testid="upload-button">{label}</Button>
      </label>
      {closedReason ? <Typography.Text type="warning" style={{ fontSize: 13 }} data-testid="upload-closed">{closedReason}</Typography.Text> : null}
      {notSent.length ? <Alert type="error" showIcon closable onClose={() => setNotSent([])} data-testid="upload-refused" message={notSent.length === 1 ? notSent[0] : '以下文件未上传'} description={notSent.length > 1 ? notSent.map((m) => <div key={m}>{m}</div>) : undefined} /> : null}
      {twice.length ? <Alert type="info" showIcon closable onClose={() => setTwice([])} data-testid="upload-twice" message={twice.length === 1 ? twice[0] : '以下文件已上传过，未重复添加'} description={twice.length > 1 ? twice.map((m) => <div key={m}>{m}</div>) : undefined} /> : null}
      {files.map((f) => {
        const uploaded = f.progress === 100 && !f.error && !f.id.startsWith('local-');
        return (
          <div key={f.id} data-testid="upload-item" data-done={f.progress === 100 ? 'true' : 'false'} data-error={f.error ? 'true' : undefined} data-carried={f.carried ? 'true' : undefined}>
            <PaperClipOutlined /> <span style={{ wordBreak: 'break-all' }}>{f.name}</span> <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text>
            {f.carried ? <Tag style={{ marginLeft: 6 }}>上次报送</Tag> : null}
            {f.sameAs ? <Tag color="green" style={{ marginLeft: 6 }} data-testid="same-as-sent">{sameAsSentText(f.sameAs)}</Tag> : f.replaced ? <Tag color="blue" style={{ marginLeft: 6 }} data-testid="replaced">已替换上次报送的同名文件</Tag> : null}
            {uploaded && onOpen && canPreview(f.name) ? <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => onOpen(f, true)} data-testid="preview-upload">预览</Button> : null}
            {uploaded && onOpen ? <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => onOpen(f, false)} data-testid="download-upload">下载</Button> : null}
            {f.progress === 100 || f.error ? <Button size="small" type="link" danger onClick={() => void remove(f)} data-testid="remove-file">移除</Button> : null}
            {f.error ? <Typography.Text type="danger"> 上传失败：{f.error}</Typography.Text> : <Progress percent={f.progress ?? 0} size="small" status={f.progress === 100 ? 'success' : 'active'} format={(p) => (p === 100 ? '已上传' : `${p}%`)} />}
          </div>
        );
      })}
      {note}
      {policy ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="upload-policy">{policyText(policy)}</Typography.Text> : null}
    </Space>
  );
}
