import { CheckCircleTwoTone, ExclamationCircleTwoTone, FileZipOutlined } from '@ant-design/icons';
import { Alert, Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { download, errorText, request } from '../api/client';
import type { DossierSummary } from '../api/types';
import { useLoad } from '../hooks';
import { DownloadButton } from './DownloadButton';
import { sizeText } from './TaskUploads';
import { gateOpenCount, indicatorGaps, loadGate, takenOverText } from './application-readiness';

/**
 * 申报准备情况, on the page of the application (提报申报材料) for those who prepare, sign and check it (office, leaders,
 * inspectors): the gate in one line, what the take-over marked done without material, and what the 申报材料包 holds —
 * its files and the indicators with none — with the package itself. Walkthrough: the leader signed the application on
 * a phone seeing neither the gate nor the dossier, which held 0 files.
 */
export function ApplicationReadiness({ campaignId, campaignName }: { campaignId: string; campaignName: string }) {
  const gate = useLoad((signal) => loadGate(campaignId, signal), [campaignId]);
  const dossier = useLoad((signal) => request<DossierSummary>('dossierSummary', { params: { id: campaignId }, signal }), [campaignId]);
  const g = gate.data;
  const d = dossier.data;
  // By indicator (an indicator's parts and contributions are several tasks): the 0/36 above counts indicators too.
  const gaps = indicatorGaps(d?.withoutFiles ?? [], d?.indicators.codesWithFiles);
  const takenOver = gaps.filter((x) => x.takenOver);
  const overview = `/campaigns/${encodeURIComponent(campaignId)}`;
  return (
    <Card size="small" title="申报准备情况" style={{ marginTop: 12 }} data-testid="application-readiness">
      {gate.error || dossier.error ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`无法读取申报准备情况：${errorText(gate.error ?? dossier.error)}`} /> : null}
      {(g === undefined && !gate.error) || (d === undefined && !dossier.error) ? <Typography.Text type="secondary">正在加载…</Typography.Text> : null}
      <Space direction="vertical" size={6} style={{ width: '100%' }}>
        {g ? (
          <div data-testid="readiness-gate">
            {g.allowed ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ExclamationCircleTwoTone twoToneColor="#cf1322" />}{' '}
            {g.allowed ? '申报条件已全部满足' : `申报条件尚有 ${gateOpenCount(g)} 项未满足`}
            {' '}<Link to={overview}>查看申报条件</Link>
          </div>
        ) : null}
        {g?.takenOver?.length ? <Alert type="warning" showIcon message={takenOverText(g.takenOver.length)} data-testid="readiness-taken-over" /> : null}
        {d ? (
          <div data-testid="readiness-dossier">
            {d.files ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ExclamationCircleTwoTone twoToneColor="#cf1322" />}{' '}
            申报材料包：{d.files} 个文件{d.files ? `（${sizeText(d.bytes)}）` : ''}，{d.indicators.withFiles}/{d.indicators.total} 项指标有已通过材料
            {gaps.length ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="readiness-gaps">
                无已通过材料的指标 {gaps.length} 项{takenOver.length ? `（其中接管前已完成 ${takenOver.length} 项）` : ''}：
                {gaps.slice(0, 6).map((x) => `${x.code}${x.name ? ` ${x.name}` : ''}`).join('、')}
                {gaps.length > 6 ? ' 等' : ''}
              </Typography.Text>
            ) : null}
          </div>
        ) : null}
        {d ? (
          <DownloadButton
            icon={<FileZipOutlined />}
            label="导出申报材料包"
            size="small"
            busyLabel={(pct) => `正在打包${pct ? ` ${pct}%` : '…'}`}
            testid="readiness-export-dossier"
            download={(progress) => download('dossier', { params: { id: campaignId } }, `${campaignName}-申报材料.zip`, progress)}
          />
        ) : null}
      </Space>
    </Card>
  );
}

