import { DownloadOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Typography } from 'antd';
import { evidenceFileId } from '@eco/domain';
import { download, errorText, request } from '../api/client';
import type { FileLink, TaskDetailView } from '../api/types';
import { externalResultTitle } from '../labels';
import { evidenceEmptyText } from './evidence-empty';
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
 * A picture previewed in its own tab, titled with its name: a page that fits it to the screen — with a viewport, so a
 * phone does not lay it out 980 px wide and draw a 200 px photo 80 px wide — never wider than the screen nor than itself.
 * Built with DOM calls (the name is not markup).
 */
export function showPicture(w: Window, url: string, name: string): void {
  const d = w.document;
  d.title = name;
  const viewport = d.createElement('meta');
  viewport.setAttribute('name', 'viewport');
  viewport.setAttribute('content', 'width=device-width, initial-scale=1');
  d.head.appendChild(viewport);
  d.body.style.margin = '0';
  d.body.style.background = '#f5f5f5';
  const img = d.createElement('img');
  img.setAttribute('src', url);
  img.setAttribute('alt', name);
  img.setAttribute('style', 'display:block;max-width:100%;height:auto;margin:0 auto');
  d.body.appendChild(img);
}

/** Opening the files of one task: its own (downloadFile) and those of the opinion behind its 整改 (downloadOriginFile). */
export function useTaskFiles(id: string, taskId: string) {
  const { message } = App.useApp();

  /**
   * Opens a file of this task (downloadFile) or of the opinion behind this 整改 (downloadOriginFile): 预览 in a tab, or
   * 下载. A 预览 opens the file's own address (…/file-links/<token>/<file name>): the PDF viewer's title and its 另存为
   * are the file's name (a blob: address read as a random id), and a phone without a PDF viewer saves it under that name.
   */
  async function openFile(endpoint: 'downloadFile' | 'downloadOriginFile', fileId: string, name: string, preview: boolean) {
    const params = { id, taskId, fileId };
    if (preview) {
      const w = window.open('', '_blank');
      try {
        // preview=true: the address answers inline, and the audit says 预览材料, not 下载材料
        const link = await request<FileLink>(endpoint === 'downloadFile' ? 'fileLink' : 'originFileLink', { params, query: { preview: 'true' } });
        if (w) {
          if (/\.pdf$/i.test(name)) w.location.href = link.url;
          else showPicture(w, link.url, name);
        }
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
export function EvidenceCard(props: { t: TaskDetailView; canDownload: boolean | undefined; onOpen: (e: Evidence, preview: boolean) => void; /** Files uploaded and not sent yet (the 报送 draft). */ unsent?: number }) {
  const { t, canDownload, onOpen, unsent = 0 } = props;
  const evidence = t.rounds.flatMap((r) => (r.submission.evidence as Evidence[]).map((e) => ({ ...e, round: r.round })));
  const none = evidenceEmptyText({ externalResult: t.external && t.externalResult?.evidence?.length ? externalResultTitle(t.kind) : null, unsent });
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
