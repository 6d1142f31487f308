import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorText } from '../api/client';
import { OVERSIGHT, useAuth } from '../auth';

/**
 * Loading / error / empty around a screen's data, in Chinese. `notFound`: what a 404 means here (another
 * organization's campaign answers 404 too) — shown as such, without 重新加载.
 */
export function Loadable<T>({ data, error, loading, reload, empty, emptyText, notFound, children }: { data: T | undefined; error: unknown; loading: boolean; reload?: () => void; empty?: (d: T) => boolean; emptyText?: ReactNode; notFound?: string; children: (d: T) => ReactNode }) {
  if (notFound && error instanceof ApiError && error.status === 404 && data === undefined) return <NotFound title={notFound} />;
  if (error && data === undefined)
    return (
      <Result
        status="warning"
        title="加载失败"
        subTitle={errorText(error)}
        extra={reload ? <Button type="primary" onClick={reload}>重新加载</Button> : undefined}
      />
    );
  if (data === undefined) return <Skeleton active paragraph={{ rows: 6 }} data-testid="loading" />;
  return (
    <>
      {error ? <Alert type="warning" showIcon message={`刷新失败：${errorText(error)}`} style={{ marginBottom: 12 }} /> : null}
      {empty && empty(data) ? <Empty description={emptyText ?? '暂无数据'} style={{ padding: '48px 0' }} /> : children(data)}
      {loading ? null : null}
    </>
  );
}

/** A feature whose endpoint the server does not offer yet. */
export function NotAvailable({ what }: { what: string }) {
  return <Alert type="info" showIcon message={`${what}暂未开通`} description="服务器尚未提供此功能的接口，开通后将自动显示。" />;
}

/** Nothing here for this user: back to the campaign list (who may open it) or to 我的待办. */
export function NotFound({ title }: { title: string }) {
  const { has } = useAuth();
  const [to, label] = has(...OVERSIGHT) ? ['/campaigns', '返回活动列表'] : ['/inbox', '返回我的待办'];
  return (
    <div data-testid="not-found">
      <Result status="404" title={title} subTitle="链接可能有误，或您所在的组织不能查看此内容。" extra={<Link to={to}><Button type="primary">{label}</Button></Link>} />
    </div>
  );
}
