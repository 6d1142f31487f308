import { Card, Space } from 'antd';
import type { ReactNode } from 'react';

/** The row of filters above a server-filtered list (提醒, 用户与单位…): wraps on a phone, each control full width there. */
export function FilterBar({ children, extra, testId }: { children: ReactNode; extra?: ReactNode; testId?: string }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={testId}>
      <Space wrap style={{ width: '100%' }}>
        {children}
        {extra}
      </Space>
    </Card>
  );
}

/** Width of one filter control: the full row on a phone, `desktop` px otherwise. */
export const filterWidth = (phone: boolean, desktop: number) => (phone ? '100%' : desktop);
