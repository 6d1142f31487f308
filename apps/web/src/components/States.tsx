import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from '../api/client';

/** Loading / error / empty around a screen's data, in Chinese. */
export function Loadable<T>({ data, error, loading, reload, empty, emptyText, children }: { data: T | undefined; error: unknown; loading: boolean; reload?: () => void; empty?: (d: T) => boolean; emptyText?: ReactNode; children: (d: T) => ReactNode }) {
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
