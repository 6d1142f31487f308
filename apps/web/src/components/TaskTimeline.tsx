import { Card, Empty, Steps, Tag, Timeline, Typography } from 'antd';
import type { StepView, SubmissionFormalities, TaskDetailView } from '../api/types';
import { fmtDateTime } from '../format';
import { unitNameOf } from '../principal-names';
import { externalResultTitle, FORMALITY_LABEL, formalitiesText } from '../labels';
import { StepCard } from './StepCard';
import { outcomeLabels } from './submit-formalities';

type Round = TaskDetailView['rounds'][number];

/** The formalities a round's submission carried, for the approvers. */
function RecordedFormalities({ f, labels }: { f: SubmissionFormalities; labels: Record<string, string> }) {
  const lines = formalitiesText({ ...f, projects: undefined }, labels);
  const box = { fontSize: 13, marginTop: 4, padding: '4px 8px', background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 4 };
  return (
    <div style={box} data-testid="recorded-formalities">
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
      {f.projects?.length ? (
        <div style={{ marginTop: 4 }}>
          {FORMALITY_LABEL.projects}：
          {f.projects.map((p, i) => (
            <div key={i} style={{ marginLeft: 8 }}>
              {i + 1}. {p.name}
              {p.scale ? `；规模：${p.scale}` : ''}
              {p.content ? `；内容：${p.content}` : ''}
              {p.investment ? `；投资概算：${p.investment}` : ''}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** A step of 审批流程 as antd's Steps reads it: 退回 is an error, the active step in process (not once the task is cancelled). */
function stepStatus(s: StepView, cancelled: boolean) {
  return s.decisions.some((d) => d.decision === 'return') ? 'error' : s.status === 'done' ? 'finish' : s.status === 'active' && !cancelled ? 'process' : 'wait';
}

/** 审批流程: the steps of the current round, the active one marked while the task is in review. */
export function ApprovalChainCard({ t, names }: { t: TaskDetailView; names: Map<string, string> }) {
  const activeIdx = Math.max(0, t.steps.findIndex((s) => s.status === 'active'));
  const current = t.status === 'submitted' ? activeIdx : t.status === 'approved' ? t.steps.length : -1;
  const cancelled = t.status === 'cancelled';
  return (
    <Card title="审批流程" size="small" data-testid="chain">
      {t.steps.length ? (
        <Steps
          direction="vertical"
          size="small"
          current={current}
          items={t.steps.map((s) => ({ title: s.name, description: <StepCard s={s} names={names} titled cancelled={cancelled} />, status: stepStatus(s, cancelled) }))}
        />
      ) : (
        <Typography.Text type="secondary">此任务无需审批</Typography.Text>
      )}
    </Card>
  );
}

function outcomeText(r: Round): string {
  return r.outcome === 'returned' ? '退回' : r.outcome === 'approved' ? '通过' : r.outcome === 'cancelled' ? '取消' : '审批中';
}

/** One round of 报送与审批记录: who sent what when, the joint units' confirmations, then its steps. */
function RoundEntry({ r, t, names }: { r: Round; t: TaskDetailView; names: Map<string, string> }) {
  return (
    <div>
      <Typography.Text strong>第 {r.round} 轮</Typography.Text>
      <Tag style={{ marginLeft: 6 }} color={r.outcome === 'returned' ? 'red' : r.outcome === 'approved' ? 'green' : 'processing'}>{outcomeText(r)}</Tag>
      <div style={{ fontSize: 13, marginTop: 4 }}>{r.submission.byName} 报送于 {fmtDateTime(r.submission.at)}</div>
      {r.submission.comment ? <div style={{ fontSize: 13, color: '#595959' }}>说明：{r.submission.comment}</div> : null}
      {r.submission.value !== null && r.submission.value !== undefined ? <div style={{ fontSize: 13 }}>现状值：{String(r.submission.value)}</div> : null}
      {r.submission.formalities ? (
        <RecordedFormalities f={r.submission.formalities as SubmissionFormalities} labels={outcomeLabels(t.requiredFormalities)} />
      ) : null}
      {(r.confirmations ?? []).map((x) => (
        <div key={`${x.unitId}-${x.at}`} style={{ fontSize: 13 }} data-testid="joint-confirmation">
          <Tag color={x.agree ? 'green' : 'red'}>{x.agree ? '已确认' : '有异议'}</Tag>
          {unitNameOf(names, x.unitId)} · {x.byName} · {fmtDateTime(x.at)}
          {x.comment ? `：${x.comment}` : ''}
        </div>
      ))}
      {r.awaitingConfirmation?.length ? (
        <div style={{ fontSize: 13, color: '#d48806' }}>待共同负责单位确认：{r.awaitingConfirmation.map((u) => unitNameOf(names, u)).join('、')}</div>
      ) : null}
      {r.steps.map((s) => (
        <div key={s.index} style={{ marginTop: 6 }}><StepCard s={s} names={names} cancelled={r.outcome === 'cancelled'} /></div>
      ))}
    </div>
  );
}

/** 报送与审批记录: every round of the task, newest last. */
export function RoundsCard({ t, names, unsent }: { t: TaskDetailView; names: Map<string, string>; /** What it says with no round yet (task-reading). */ unsent: string }) {
  const color = (r: Round) => (r.outcome === 'approved' ? 'green' : r.outcome === 'returned' ? 'red' : 'blue');
  // an external stage is not sent (报送): its result and written opinion are in the 审查结果 card
  const external = t.externalResult ? `外部审查环节无需报送，结果与书面意见见「${externalResultTitle(t.kind)}」` : unsent;
  return (
    <Card title="报送与审批记录" size="small" data-testid="rounds">
      {t.rounds.length ? (
        <Timeline items={t.rounds.map((r) => ({ color: color(r), children: <RoundEntry r={r} t={t} names={names} /> }))} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.external ? external : unsent} />
      )}
    </Card>
  );
}
