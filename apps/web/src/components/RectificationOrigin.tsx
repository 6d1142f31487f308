import { Card, Descriptions } from 'antd';
import { Link } from 'react-router-dom';
import type { RectificationOrigin } from '../api/types';
import { fmtDateTime } from '../format';
import { taskHref } from '../pages/Inbox';

/**
 * 问题来源 of a 整改: which external stage (预审, 公示, 现场核查, 复核) found what, who recorded it and when, with the
 * result's note. The unit doing the 整改 cannot read the stage's own task, so its page says it here; those who can
 * (the office, inspectors) follow the link to the stage.
 */
export function RectificationOriginCard({ campaignId, origin, linkToStage, phone }: { campaignId: string; origin: RectificationOrigin; linkToStage: boolean; phone: boolean }) {
  return (
    <Card title="问题来源" size="small" style={{ marginTop: 12 }} data-testid="rectification-origin">
      <Descriptions size="small" column={phone ? 1 : 2}>
        <Descriptions.Item label="发现环节">{linkToStage ? <Link to={taskHref(campaignId, origin.stageTaskId)}>{origin.stageName}</Link> : origin.stageName}</Descriptions.Item>
        <Descriptions.Item label="登记">{origin.recordedBy}（{fmtDateTime(origin.recordedAt)}）</Descriptions.Item>
        <Descriptions.Item label="发现问题" span={phone ? 1 : 2}><span data-testid="origin-finding">{origin.finding}</span></Descriptions.Item>
        {origin.comment ? <Descriptions.Item label="核查说明" span={phone ? 1 : 2}>{origin.comment}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}
