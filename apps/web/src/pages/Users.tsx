import { Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { request } from '../api/client';
import type { UserInfo } from '../api/types';
import { Loadable } from '../components/States';
import { unitNameMap } from '../directory';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { ROLE_LABEL } from '../labels';

export function UsersPage() {
  const users = useLoad((signal) => request<UserInfo[]>('users', { signal }), []);
  const units = useLoad(() => unitNameMap().catch(() => new Map<string, string>()), []);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const shown = useMemo(
    () => (users.data ?? []).filter((u) => (!role || u.roles.includes(role as never)) && (!q || `${u.username}${u.name}${u.unitId ?? ''}${units.data?.get(u.unitId ?? '') ?? ''}`.includes(q))),
    [users.data, role, q, units.data],
  );
  return (
    <div>
      <Typography.Title level={4}>用户与单位</Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search allowClear placeholder="搜索姓名、用户名或单位" onSearch={setQ} style={{ width: 260 }} />
          <Select allowClear placeholder="全部角色" value={role} onChange={setRole} style={{ width: 160 }} options={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))} />
        </Space>
      </Card>
      <Loadable {...users} empty={() => shown.length === 0} emptyText="没有符合条件的用户">
        {() => (
          <Table<UserInfo>
            rowKey="id"
            size="small"
            dataSource={shown}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
            scroll={{ x: 700 }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '用户名', dataIndex: 'username', width: 140 },
              { title: '角色', dataIndex: 'roles', width: 200, render: (r: string[]) => r.map((x) => <Tag key={x}>{ROLE_LABEL[x as keyof typeof ROLE_LABEL] ?? x}</Tag>) },
              { title: '单位', dataIndex: 'unitId', render: (u: string | null) => (u ? (units.data?.get(u) ?? u) : '—') },
              { title: '创建时间', dataIndex: 'createdAt', width: 140, render: (v?: string) => fmtDate(v) },
            ]}
          />
        )}
      </Loadable>
    </div>
  );
}
