import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { campaignKindLabel, campaignsNoun, readsEveryTask } from '@eco/domain';
import { request } from '../api/client';
import type { CampaignSummary } from '../api/types';
import { useAuth } from '../auth';
import { Loadable } from '../components/States';
import { fmtDate, notStartedText } from '../format';
import { useLoad } from '../hooks';
import { CAMPAIGN_STATUS } from '../labels';


export function CampaignsPage() {
  const { has, me } = useAuth();
  // the staff who read every task (the access policy's readsEveryTask) see the county's counts; the others their own
  const own = !!me && !readsEveryTask(me);
  const list = useLoad((signal) => request<CampaignSummary[]>('campaigns', { signal }), []);
  // 创建活动 while every campaign listed is one; with a consolidation campaign (巩固提升 → 复核) among them, 活动
  const noun = campaignsNoun((list.data ?? []).map((c) => c.kind));
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="campaigns-title">{noun}</Typography.Title>
        {has('office', 'admin') ? <Link to="/campaigns/new"><Button type="primary" icon={<PlusOutlined />}>发起{noun}</Button></Link> : null}
      </Space>
      <Loadable {...list} empty={(d) => d.length === 0} emptyText="还没有创建活动">
        {(items) => (
          <Row gutter={[12, 12]}>
            {items.map((c) => {
              const pct = c.progress.total ? Math.round((c.progress.approved / c.progress.total) * 100) : 0;
              const notStarted = notStartedText(c);
              // A start still ahead: the campaign runs (its first tasks are given out); the card says when it is planned.
              const st = CAMPAIGN_STATUS[c.paused ? 'paused' : c.status] ?? { text: c.status, color: 'default' };
              return (
                <Col xs={24} md={12} xl={8} key={c.id}>
                  <Link to={`/campaigns/${encodeURIComponent(c.id)}`} data-testid="campaign-card">
                    <Card hoverable size="small" title={c.name} extra={<Tag color={st.color}>{st.text}</Tag>}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.region} · {campaignKindLabel(c.kind)} · 发起于 {fmtDate(c.createdAt)}{notStarted && c.startAt ? ` · 计划于 ${fmtDate(c.startAt)} 启动` : ''}</Typography.Text>
                      <Progress percent={pct} size="small" style={{ marginTop: 8 }} />
                      <Space size={4} wrap>
                        {/* a liaison's and an expert's counts are over the tasks they read, as on the campaign's page */}
                        <Tag title="不含已取消的任务（与活动总览的总任务同数）" data-testid="campaign-card-total">{own ? '我的任务' : '任务'} {c.progress.total}</Tag>
                        <Tag color="green">通过 {c.progress.approved}</Tag>
                        <Tag color="processing">审批中 {c.progress.submitted}</Tag>
                        <Tag color="orange">退回 {c.progress.returned}</Tag>
                        <Tag color="red">逾期 {c.progress.overdue}</Tag>
                      </Space>
                    </Card>
                  </Link>
                </Col>
              );
            })}
          </Row>
        )}
      </Loadable>
    </div>
  );
}
