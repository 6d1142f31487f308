import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { IndicatorInfo, TaskAction, TemplateDetail } from '../api/types';
import { useAuth } from '../auth';
import { fmtDateTime } from '../format';
import {
  ATTRIBUTE_LABEL,
  campaignEndedText,
  DOMAIN_LABEL,
  labelOf,
  principalLabel,
  recorderLabel,
  responsibleLabel,
  STATUS_COLOR,
  TASK_KIND_LABEL,
} from '../labels';
import { unitNameOf } from '../principal-names';
import { DueBadge } from './DueBadge';
import type { TaskCardProps } from './task-card';
import type { TaskReading } from './task-reading';
import { MoveDeadline } from './MoveDeadline';
import { indicatorUnitRows } from './indicator-units';
import { urgeAudience } from './urge-rules';
import { UrgeTask } from './UrgeTask';

interface SummaryProps extends TaskCardProps {
  campaignId: string;
  /** The campaign ended (终止, completed, 未通过) with the task still open. */
  ended: boolean;
  /** Its status in words, and whether 待前序环节 still holds (not once the campaign has ended). */
  reading: TaskReading;
  done: boolean;
  allowed: TaskAction[];
  template: TemplateDetail | null;
  /** Its campaign's kind (its end's words: 创建未通过 / 活动未通过); not known yet: a creation campaign's. */
  campaignKind?: string | null;
  phone: boolean;
  /** After 调整期限 or 催办: read the task again. */
  reload: () => void;
}

/** The task's head: status and due date, title, then its stage, kind, who is responsible, deadline and whom it waits for. */
export function TaskSummaryCard({ campaignId, t, ended, reading, done, paused, allowed, names, template, campaignKind, phone, reload }: SummaryProps) {
  const { has, me } = useAuth();
  const waiting = t.waitingFor.map((w) => principalLabel(w, names)).join('、');
  const responsible = t.external ? recorderLabel() : responsibleLabel(t, (u) => unitNameOf(names, u), template?.region);
  return (
    <Card style={{ marginTop: 8 }} size={phone ? 'small' : 'default'}>
      <Space wrap size={6} style={{ marginBottom: 6 }}>
        <Tag color={ended ? 'default' : STATUS_COLOR[t.status]} data-testid="task-status">{reading.status}</Tag>
        <DueBadge dueAt={t.dueAt} overdue={t.overdue} done={done} paused={paused} status={t.engineStatus} />
        {paused ? <Tag color="default">活动已暂停</Tag> : null}
        {t.endedUndone ? <Tag color="default">{campaignEndedText(t.endedUndone, campaignKind)}</Tag> : null}
        {reading.blocked ? <Tag color="default">待前序环节</Tag> : null}
        {t.assessmentFlag ? <Tag color="red">考核扣分</Tag> : null}
      </Space>
      <Typography.Title level={phone ? 5 : 4} style={{ margin: '4px 0' }} data-testid="task-title">{t.title}</Typography.Title>
      <Descriptions size="small" column={phone ? 1 : 3} style={{ marginTop: 8 }}>
        <Descriptions.Item label="阶段">{t.phaseName}</Descriptions.Item>
        <Descriptions.Item label="任务类型">{labelOf(TASK_KIND_LABEL, t.kind)}</Descriptions.Item>
        {/* an external stage (预审, 公示, 现场核查, 复核) has no unit doing it: who records its result (核查组 or the office) */}
        <Descriptions.Item label={t.external ? '结果登记' : '责任单位'}><span data-testid="responsible">{responsible}</span></Descriptions.Item>
        <Descriptions.Item label="截止时间">
          <span data-testid="due-at">{fmtDateTime(t.dueAt)}</span>
          {allowed.includes('moveDeadlines') ? <MoveDeadline campaignId={campaignId} taskId={t.id} dueAt={t.dueAt} onMoved={reload} /> : null}
        </Descriptions.Item>
        <Descriptions.Item label="当前轮次">第 {t.round} 轮</Descriptions.Item>
        <Descriptions.Item label="待处理">
          {/* an ended campaign's open task waits for nobody (walkthrough: 待处理：县统计局 under 活动已终止) */}
          {/* one block: 催办's reason when it is not offered goes under the names, not beside them */}
          <div>
            <span data-testid="waiting-for">{ended ? '—（活动已结束）' : reading.blocked && t.blockedBy ? `待「${t.blockedBy.milestoneName}」完成` : waiting || '—'}</span>
            {allowed.includes('urge') && t.waitingFor.length && !ended ? (
              <UrgeTask campaignId={campaignId} taskId={t.id} audience={urgeAudience(t.waitingFor, t.waitingPeople, (w) => principalLabel(w, names))} lastUrge={t.urges?.at(-1)} onUrged={reload} />
            ) : null}
          </div>
        </Descriptions.Item>
        {t.completedAt ? <Descriptions.Item label="完成时间">{fmtDateTime(t.completedAt)}</Descriptions.Item> : null}
        {/* a contribution read by its lead (or the office): back to the indicator task it feeds (its unit cannot read that one) */}
        {t.kind === 'indicator-contribution' && t.parentTaskId && (!has('unit') || me?.unitId !== t.unitId) ? (
          <Descriptions.Item label="汇总报送任务">
            <Link to={`/campaigns/${encodeURIComponent(campaignId)}/tasks/${encodeURIComponent(t.parentTaskId)}`} data-testid="parent-task">
              指标 {t.indicatorCode} 汇总报送
            </Link>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

/**
 * 指标 of an indicator task: the plan's indicator (its domain, target, attribute, lead and co-units — a joint task's
 * units as 共同负责单位: indicatorUnitRows), once read.
 */
export function IndicatorCard({ code, indicator, jointUnitIds }: { code: string; indicator: IndicatorInfo | null; jointUnitIds?: string[] }) {
  return (
    <Card title={`指标 ${code}`} size="small">
      {indicator ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="指标">{indicator.name}</Descriptions.Item>
          <Descriptions.Item label="领域">{labelOf(DOMAIN_LABEL, indicator.domain)}</Descriptions.Item>
          <Descriptions.Item label="目标值">{indicator.target}{indicator.unit && indicator.unit !== '-' ? `（${indicator.unit}）` : ''}</Descriptions.Item>
          <Descriptions.Item label="属性">
            <Tag color={indicator.attribute === 'binding' ? 'red' : 'blue'}>{ATTRIBUTE_LABEL[indicator.attribute]}</Tag>
          </Descriptions.Item>
          {indicatorUnitRows(indicator, jointUnitIds).map((r) => (
            <Descriptions.Item key={r.label} label={r.label}>
              <span data-testid="indicator-units">{r.value}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">正在读取指标信息…</Typography.Text>
      )}
    </Card>
  );
}
