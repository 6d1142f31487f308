import { DownloadOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { OriginFile, RectificationOrigin } from '../api/types';
import { byteSizeText } from '@eco/domain';
import { fmtDateTime } from '../format';
import { taskHref } from '../pages/Inbox';
import { canPreview } from './upload-rules';

/**
 * 问题来源 of a 整改: which external stage (预审, 公示, 现场核查, 复核) found what, who recorded it and when, with the
 * result's note. The unit doing the 整改 cannot read the stage's own task, so its page says it here; those who can
 * (the office, inspectors) follow the link to the stage.
 */
export function RectificationOriginCard({ campaignId, origin, linkToStage, phone, onOpen }: { campaignId: string; origin: RectificationOrigin; linkToStage: boolean; phone: boolean; onOpen: (f: OriginFile, preview: boolean) => void }) {
  return (
    <Card title="问题来源" size="small" style={{ marginTop: 12 }} data-testid="rectification-origin">
      <Descriptions size="small" column={phone ? 1 : 2}>
        <Descriptions.Item label="发现环节">{linkToStage ? <Link to={taskHref(campaignId, origin.stageTaskId)}>{origin.stageName}</Link> : origin.stageName}</Descriptions.Item>
        <Descriptions.Item label="登记">{origin.recordedBy}（{fmtDateTime(origin.recordedAt)}）</Descriptions.Item>
        <Descriptions.Item label="发现问题" span={phone ? 1 : 2}><span data-testid="origin-finding">{origin.finding}</span></Descriptions.Item>
        {origin.comment ? <Descriptions.Item label="核查说明" span={phone ? 1 : 2}>{origin.comment}</Descriptions.Item> : null}
        {origin.opinion?.length ? (
          // the written opinion the unit is to answer (walkthrough: it could not read it — the stage's task is not theirs)
          <Descriptions.Item label="书面意见" span={phone ? 1 : 2}>
            <div style={{ width: '100%' }}>
              {origin.opinion.map((f) => (
                <div key={f.fileId} style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }} data-testid="origin-opinion">
                  <PaperClipOutlined />
                  <span style={{ wordBreak: 'break-all' }}>{f.name}</span>
                  {f.size !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{byteSizeText(f.size)}</Typography.Text> : null}
                  {canPreview(f.name) ? <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => onOpen(f, true)}>预览</Button> : null}
                  <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => onOpen(f, false)} data-testid="origin-opinion-download">下载</Button>
                </div>
              ))}
            </div>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}
