import { Space, Tag, Typography } from 'antd';
import { decisionLabel } from '@eco/domain';
import type { StepView } from '../api/types';
import { fmtDateTime } from '../format';
import { nobodyLabel, placeHolderText, principalLabel, stepModeText, stepStatusLabel } from '../labels';

type Verdict = 'approve' | 'return';

/**
 * One approval step of a task: its mode and status, its signers (in a 会签 each with what they decided), then each
 * decision with its comment, the 转交 and the 加签 on it. `titled`: the step's name is the title around it (审批流程).
 * `cancelled`: its task (or round) was cancelled — a step not done then waits for nobody (已取消).
 */
export function StepCard({ s, names, titled = false, cancelled = false }: { s: StepView; names: Map<string, string>; titled?: boolean; cancelled?: boolean }) {
  // Signers resolved to nobody (the submitter was the only holder): the places, and that nobody can sign them.
  const open = s.status === 'active' && !cancelled;
  const nobody = open && !!s.signers && s.signers.length === 0;
  const people = s.signers?.length ? s.signers : s.assignees;
  // What each signer decided: 同意 is a tick, 退回 says so (an expert who returned the draft read as a tick)
  const decided = new Map<string, Verdict>(s.decisions.flatMap((d) => [[d.as, d.decision], [`user:${d.by}`, d.decision]] as [string, Verdict][]));
  /** In a 会签 (every signer signs): what the signer decided, or that the step waits for them. */
  const mark = (a: string) => {
    if (!(s.mode === 'all' && !nobody && (open || decided.has(a)))) return '';
    if (decided.get(a) === 'return') return <Typography.Text type="danger">（退回）</Typography.Text>;
    return decided.has(a) ? ' ✓' : open ? '（待签）' : '';
  };
  const modeText = stepModeText(s, people);

  return (
    <div>
      <Space wrap size={4}>
        {titled ? null : <Typography.Text strong>{s.name}</Typography.Text>}
        {modeText ? <Tag color="purple">{modeText}</Tag> : null}
        {s.decisions.some((d) => d.decision === 'return') ? <Tag color="red">已退回</Tag> : <Tag data-testid="step-status">{stepStatusLabel(s, cancelled)}</Tag>}
      </Space>
      <div style={{ fontSize: 12, color: '#595959', marginTop: 4 }}>
        签批人：
        {people.length
          ? people.map((a, i) => (
              <span key={a} data-testid="step-signer">
                {i ? '、' : ''}
                {placeHolderText(s, a, names)}
                {mark(a)}
              </span>
            ))
          : '—'}
        {nobody ? (
          <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="step-nobody">
            {' '}· {[...new Set(s.assignees.map((a) => nobodyLabel(a, names)))].join('；')}
          </Typography.Text>
        ) : null}
      </div>
      {s.decisions.map((d, i) => (
        <div key={i} style={{ fontSize: 13, marginTop: 4 }} data-testid="decision">
          {/* Who decided, then what (「退回 某某」 read as "returned to 某某"). */}
          <Typography.Text strong>{d.byName}</Typography.Text>
          {d.onBehalfOf ? `（代 ${principalLabel(d.onBehalfOf, names)}）` : ''}{' '}
          <Tag color={d.decision === 'approve' ? (d.withChanges ? 'orange' : 'green') : 'red'} style={{ marginInlineStart: 4 }} data-testid="decision-verdict">
            {decisionLabel(d, s)}
          </Tag>
          · {fmtDateTime(d.at)}
          {d.comment ? (
            <div style={{ color: d.decision === 'return' ? '#cf1322' : '#595959', marginLeft: 4 }}>
              {d.decision === 'return' ? '退回原因：' : d.withChanges ? '修改意见：' : '意见：'}
              {d.comment}
            </div>
          ) : null}
        </div>
      ))}
      {s.transfers.map((t, i) => (
        <div key={`t${i}`} style={{ fontSize: 12, color: '#8c8c8c' }}>
          转交：{principalLabel(t.from, names)} → {t.toName ?? principalLabel(t.to, names)}（{t.reason}）
        </div>
      ))}
      {s.added.map((a, i) => (
        // 并加签 (co-sign, and additions recorded before modes): required on this step whatever its mode (或签 too).
        <div key={`a${i}`} style={{ fontSize: 12, color: '#8c8c8c' }} data-testid="step-added">
          加签：{a.userName ?? a.userId}
          {!a.mode || a.mode === 'co-sign' ? `（须签署${s.status === 'active' ? (decided.has(`user:${a.userId}`) ? ' ✓' : '，待签') : ''}）` : ''}（原因：{a.reason}）
        </div>
      ))}
    </div>
  );
}
