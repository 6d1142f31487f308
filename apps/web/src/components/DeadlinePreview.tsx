import { Alert, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorText, request } from '../api/client';
import { fmtDate } from '../format';
import { otherTasks, ownTaskLine, phaseDueLine, previewWarningText } from './deadline-preview';

/** The answer of POST …/deadlines/preview (the API's DeadlinePreviewDto). */
export interface DeadlinePreviewAnswer {
  milestones: { phase: string; phaseName: string; key: string; name: string; from: string; to: string }[];
  phases: { key: string; name: string; from: string; to: string }[];
  tasks: { id: string; title: string; unitId: string | null; milestoneKey: string | null; from: string; to: string }[];
  warnings: string[];
}

/**
 * 调整前预览: what the move with `body` (the move's own body, without its reason) would change, asked of the API — the
 * engine's move run on the campaign as it is now, nothing changed — each node's date old → new (the nodes after it
 * re-dated with it too) and the warnings the move will answer with; the API's refusal in its words. `body` null: the
 * form is not complete yet (nothing asked). `taskId`: the dialog moves that one task (调整期限 on its page) — the
 * preview says first the date it will have (a non-working day 顺延), then what else moves with it.
 */
export function DeadlinePreview({ campaignId, body, taskId, testid = 'deadline-preview' }: { campaignId: string; body: Record<string, unknown> | null; taskId?: string; testid?: string }) {
  const key = body ? JSON.stringify(body) : null;
  const [shown, setShown] = useState<{ key: string; answer?: DeadlinePreviewAnswer; error?: string } | null>(null);
  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    // asked once the typing pauses (a number typed digit by digit asks once)
    const timer = setTimeout(() => {
      request<DeadlinePreviewAnswer>('previewDeadlines', { params: { id: campaignId }, body: JSON.parse(key), signal: ctl.signal }).then(
        (answer) => setShown({ key, answer }),
        (e) => { if (!ctl.signal.aborted) setShown({ key, error: errorText(e) }); },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [campaignId, key]);
  if (!key) return null;
  // only the answer to what the form says now (an earlier one would preview another date)
  const current = shown?.key === key ? shown : null;
  return (
    <div data-testid={testid} data-state={current ? (current.error ? 'error' : 'ready') : 'loading'} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 12 }}>
      <Typography.Text strong>调整预览</Typography.Text>
      {!current ? (
        <div style={{ padding: 8 }}><Spin size="small" /> <Typography.Text type="secondary">正在计算调整后的期限…</Typography.Text></div>
      ) : current.error ? (
        <Alert type="error" showIcon style={{ marginTop: 8 }} message={current.error} data-testid="preview-error" />
      ) : (
        <PreviewBody answer={current.answer!} taskId={taskId} />
      )}
    </div>
  );
}

function PreviewBody({ answer, taskId }: { answer: DeadlinePreviewAnswer; taskId?: string }) {
  const others = otherTasks(answer.tasks, taskId);
  const byPhase = new Map<string, DeadlinePreviewAnswer['milestones']>();
  for (const m of answer.milestones) byPhase.set(m.phaseName, [...(byPhase.get(m.phaseName) ?? []), m]);
  return (
    <>
      {taskId ? <div style={{ fontSize: 13, marginTop: 6, fontWeight: 500 }} data-testid="preview-own-task">{ownTaskLine(taskId, answer.tasks, fmtDate)}</div> : null}
      {/* each re-dated phase's own end first (walkthrough: the nodes were listed, the phase's new end was not) */}
      {answer.phases.map((p) => <div key={p.key} style={{ fontSize: 13, marginTop: 6 }} data-testid="preview-phase" data-key={p.key}>{phaseDueLine(p, fmtDate)}</div>)}
      {answer.milestones.length ? (
        // a phase moved re-dates every later phase's nodes too: a long list scrolls inside the dialog
        <div style={{ maxHeight: 260, overflowY: 'auto' }}>{[...byPhase].map(([phaseName, ms]) => (
          <div key={phaseName} style={{ marginTop: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{phaseName}</Typography.Text>
            {ms.map((m) => (
              <div key={m.key} data-testid="preview-milestone" data-key={m.key} style={{ fontSize: 13, display: 'flex', gap: 8, justifyContent: 'space-between' }}>
                <span style={{ flex: 1, minWidth: 0 }}>{m.name}</span>
                <span style={{ whiteSpace: 'nowrap' }} data-testid="preview-dates">{fmtDate(m.from)} → <b>{fmtDate(m.to)}</b></span>
              </div>
            ))}
          </div>
        ))}</div>
      ) : (
        <div style={{ fontSize: 13 }} data-testid="preview-no-milestone">节点期限不变{others.length ? `；${taskId ? '另有 ' : ''}${others.length} 项任务的期限将调整` : taskId ? '，其他任务期限不变' : ''}</div>
      )}
      {answer.milestones.length && others.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="preview-task-count">{taskId ? '另有' : '共'} {others.length} 项未完成任务的期限随之调整</Typography.Text> : null}
      {/* nothing is recorded yet: the warnings without their 「（详见审计记录）」 */}
      {answer.warnings.map((w) => <Alert key={w} type="warning" showIcon style={{ marginTop: 6 }} message={previewWarningText(w)} data-testid="preview-warning" />)}
    </>
  );
}
