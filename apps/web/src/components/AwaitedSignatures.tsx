import { Alert } from 'antd';
import { Fragment } from 'react';
import { request } from '../api/client';
import type { AwaitedTasks } from '../api/types';
import { useLoad } from '../hooks';
import { taskHref } from '../pages/Inbox';
import { AWAITED_UNREAD, awaitedItemText, awaitedLead, awaitedTail } from './awaited-signatures';

/**
 * In the 停用 confirmation: the tasks waiting for this person's own signature (GET /api/users/:id/awaited), each a link
 * to its task page, and what stopping does to them — the one place the confirmation says it. Nothing while loading or
 * when none waits; the list unreadable: that, and what stopping does to any. The confirmation is rendered outside the
 * router, so `go` navigates (and closes it).
 */
export function AwaitedSignatures({ userId, go }: { userId: string; go: (href: string) => void }) {
  const awaited = useLoad((signal) => request<AwaitedTasks>('userAwaited', { params: { id: userId }, signal }), [userId]);
  const d = awaited.data;
  if (awaited.error) return <Alert type="info" showIcon style={{ marginTop: 8 }} data-testid="awaited-signatures" data-unread="true" message={AWAITED_UNREAD} />;
  if (!d || d.total === 0 || !d.items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      data-testid="awaited-signatures"
      message={
        <>
          {awaitedLead(d.total)}
          {d.items.map((t, i) => {
            const href = taskHref(t.campaignId, t.taskId);
            return (
              <Fragment key={`${t.campaignId}/${t.taskId}`}>
                {i ? '、' : null}
                <a href={href} onClick={(e) => { e.preventDefault(); go(href); }}>{awaitedItemText(t)}</a>
              </Fragment>
            );
          })}
          {awaitedTail(d.items.length, d.total)}
        </>
      }
    />
  );
}
