import { DownloadOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Typography } from 'antd';
import { evidenceFileId } from '@eco/domain';
import { auth, download, errorText, urlOf } from '../api/client';
import type { TaskDetailView } from '../api/types';
import { externalResultTitle } from '../labels';
import { sizeText } from './TaskUploads';
import { canPreview } from './upload-rules';

/** A file a round's submission carried (older rounds name it by ref, newer by file id). */
export interface Evidence {
  name: string;
  ref?: string;
  sha256?: string;
  size?: number;
  fileId?: string;
  id?: string;
  url?: string;
  contentType?: string;
}

export function fileIdOf(e: Evidence): string | undefined {
  return e.fileId ?? e.id ?? evidenceFileId(e);
}

/**
 * A file previewed in its own tab under its own name (the tab of a blob: address read as a random id): a page titled
 * with the file's name showing the PDF or picture, built with DOM calls (the name is not markup). A browser that
 * cannot show a PDF inside a page (phones: Android Chrome has no viewer) gets the file itself, as before.
 */
function showInTab(w: Window, url: string, name: string): void {
  const pdf = /\.pdf$/i.test(name);
  if (pdf && !navigator.pdfViewerEnabled) {
    w.location.href = url;
    return;
  }
  const d = w.document;
  d.title = name;
  d.body.style.margin = '0';
  const el = d.createElement(pdf ? 'embed' : 'img');
  el.setAttribute('src', url);
  if (pdf) {
    el.setAttribute('type', 'application/pdf');
    el.setAttribute('style', 'position:fixed;inset:0;width:100%;height:100%;border:0');
  } else {
    el.setAttribute('alt', name);
    el.setAttribute('style', 'display:block;max-width:100%;margin:0 auto');
  }
  d.body.appendChild(el);
}

/** Opening the files of one task: its own (downloadFile) and those of the opinion behind its 整改 (downloadOriginFile). */
export function useTaskFiles(id: string, taskId: string) {
  const { message } = App.useApp();

  /** Opens a file of this task (downloadFile) or of the opinion behind this 整改 (downloadOriginFile): 预览 in a tab, or 下载. */
  async function openFile(endpoint: 'downloadFile' | 'downloadOriginFile', fileId: string, name: string, preview: boolean) {
    const params = { id, taskId, fileId };
    if (preview) {
      const w = window.open('', '_blank');
      try {
        // preview=true: the audit says 预览材料, not 下载材料
        const res = await fetch(urlOf(endpoint, { params, query: { preview: 'true' } }), { headers: { Authorization: `Bearer ${auth.token ?? ''}` } });
        if (!res.ok) throw new Error(`无法预览（${res.status}）`);
        const url = URL.createObjectURL(await res.blob());
        if (w) showInTab(w, url, name);
      } catch (err) {
        w?.close();
        message.error(errorText(err));
      }
      return;
    }
    try {
      await download(endpoint, { params }, name);
    } catch (err) {
      message.error(errorText(err));
    }
  }

  async function openEvidence(e: Evidence, preview: boolean) {
    const fileId = fileIdOf(e);
    if (fileId) await openFile('downloadFile', fileId, e.name, preview);
  }

  return { openFile, openEvidence };
}

/** 支撑材料: the files of every round, each to preview (PDF, pictures) or download where the server offers downloads. */
export function EvidenceCard(props: { t: TaskDetailView; canDownload: boolean | undefined; onOpen: (e: Evidence, preview: boolean) => void }) {
  const { t, canDownload, onOpen } = props;
  const evidence = t.rounds.flatMap((r) => (r.submission.evidence as Evidence[]).map((e) => ({ ...e, round: r.round })));
  const none = t.external && t.externalResult?.evidence?.length ? `书面意见见「${externalResultTitle(t.kind)}」` : '暂无附件';
  const row = { display: 'flex', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' };
  return (
    <Card title="支撑材料" size="small" data-testid="files">
      {evidence.length ? (
        evidence.map((e, i) => (
          <div key={i} style={row} data-testid="evidence">
            <PaperClipOutlined />
            <span style={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}>
              {e.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>第{e.round}轮 {sizeText(e.size)}</Typography.Text>
            </span>
            {canDownload && fileIdOf(e) ? (
              <>
                {canPreview(e.name) ? <Button size="small" icon={<EyeOutlined />} onClick={() => onOpen(e, true)}>预览</Button> : null}
                <Button size="small" icon={<DownloadOutlined />} onClick={() => onOpen(e, false)}>下载</Button>
              </>
            ) : null}
          </div>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={none} />
      )}
      {canDownload === false && evidence.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>附件下载暂未开通</Typography.Text> : null}
    </Card>
  );
}
