import { Card, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PHASE_LABEL, campaignGoesOn, campaignsNoun } from '@eco/domain';
import type { CampaignSummary } from '../api/types';

/** How many campaigns the card lists (the most overdue first). */
const GLANCE_MAX = 5;

/** Campaigns still running (active or paused; not finished). */
const running = (c: CampaignSummary) => campaignGoesOn(c.status) || !!c.paused;

/**
 * 创建活动概况 (活动概况 once a consolidation campaign — 巩固提升 → 复核 — runs too) at the top of 我的待办 for those who lead and supervise (a leader lands here on a phone): per running
 * campaign, how far it is, how many tasks are overdue and how many wait in review — each a link to those tasks.
 */
export function CampaignsAtAGlance({ campaigns }: { campaigns: CampaignSummary[] }) {
  const all = campaigns.filter(running);
  if (!all.length) return null;
  // the most overdue first; a supervisor of many counties sees the first few and a link to all
  const list = [...all].sort((a, b) => b.progress.overdue - a.progress.overdue).slice(0, GLANCE_MAX);
  const noun = campaignsNoun(all.map((c) => c.kind));
  return (
    <Card size="small" title={`${noun}概况`} style={{ marginBottom: 12 }} data-testid="campaigns-glance">
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {list.map((c) => {
          const p = c.progress;
          const base = `/campaigns/${encodeURIComponent(c.id)}`;
          return (
            <div key={c.id} data-testid="glance-campaign" data-campaign={c.id}>
              <Space size={6} wrap style={{ width: '100%' }}>
                <Link to={base}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                </Link>
                {/* where it stands in the plan: the progress below counts the tasks given out so far, not the whole plan */}
                {c.phase in PHASE_LABEL ? <Tag color="geekblue" data-testid="glance-phase">{PHASE_LABEL[c.phase as keyof typeof PHASE_LABEL]}阶段</Tag> : null}
                {c.paused || c.status === 'paused' ? <Tag color="orange">已暂停</Tag> : null}
                {p.overdue ? (
                  <Link to={`${base}/tasks?overdue=true`} data-testid="glance-overdue">
                    <Tag color="red">逾期 {p.overdue} 项</Tag>
                  </Link>
                ) : (
                  <Tag color="green">无逾期</Tag>
                )}
                {p.submitted ? (
                  <Link to={`${base}/tasks?status=submitted`} data-testid="glance-review">
                    <Tag color="blue">审批中 {p.submitted} 项</Tag>
                  </Link>
                ) : null}
              </Space>
              <Progress percent={p.total ? Math.round((p.approved / p.total) * 100) : 0} size="small" format={() => `已下达任务完成 ${p.approved}/${p.total}`} style={{ marginBottom: 0 }} />
            </div>
          );
        })}
        {all.length > list.length ? (
          <Link to="/campaigns" data-testid="glance-all">
            查看全部 {all.length} 项进行中的{noun}
          </Link>
        ) : null}
      </Space>
    </Card>
  );
}
