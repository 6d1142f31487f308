import { UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorText, newIdempotencyKey, request } from '../api/client';
import type { ListedUser, OrganizationUnits, UserInfo, UserPage } from '../api/types';
import { FilterBar, filterWidth } from '../components/FilterBar';
import { CreateUserDialog, ResetPasswordDialog } from '../components/UserDialogs';
import { RobotsTab } from '../components/Robots';
import { type OrgUnit, UnitsTab } from '../components/UnitsTab';
import { Loadable } from '../components/States';
import { AwaitedSignatures } from '../components/AwaitedSignatures';
import { fmtDate } from '../format';
import { useIsPhone, useLoad, useUrlFilters } from '../hooks';
import { labelOf, ROLE_LABEL, soleDutyText } from '../labels';
import { useAuth } from '../auth';

const PAGE = 20;

/**
 * 用户与单位 (office): the organization's units with their liaisons (联络员) and responsible leaders (分管负责人),
 * and its accounts filtered by unit and role on the server. Tab, filters and page are in the URL.
 */
export function UsersPage() {
  const [sp, set] = useUrlFilters();
  const phone = useIsPhone();
  const { has, me } = useAuth();
  // 工作群机器人: the office's (an administrator sets another organization's through the API)
  const robotsTab = has('office');
  const tab = sp.get('tab') === 'users' ? 'users' : sp.get('tab') === 'robots' && robotsTab ? 'robots' : 'units';
  const unitId = sp.get('unitId') ?? undefined;
  const role = sp.get('role') ?? undefined;
  const q = sp.get('q') ?? undefined;
  const active = sp.get('active') ?? undefined;
  const page = Math.max(1, Number(sp.get('page') ?? 1) || 1);
  // 单位与联络员's filter (the units are read at once): a name, and only those without a liaison
  const unitText = sp.get('uq') ?? undefined;
  const noLiaison = sp.get('noLiaison') === 'true';
  const org = useLoad((signal) => request<OrganizationUnits>('organizationUnits', { signal }), []);
  // The server filters and pages: one page of accounts and how many match.
  const users = useLoad((signal) => request<UserPage>('users', { query: { unitId, role, q, active, limit: PAGE, offset: (page - 1) * PAGE }, signal }), [unitId, role, q, active, page]);
  const unitName = new Map((org.data?.units ?? []).map((u) => [u.unitId, u.name]));
  const unitOptions = (org.data?.units ?? []).map((u) => ({ value: u.unitId, label: u.name }));
  const manager = has('office', 'admin');
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<OrgUnit | null>(null);
  const [creating, setCreating] = useState<{ unitId?: string } | null>(null);
  const [resetting, setResetting] = useState<UserInfo | null>(null);
  const navigate = useNavigate();

  /** 停用 / 启用: a deactivated account cannot sign in, its sessions end, and it is no longer a signer or addressee. */
  function toggleActive(u: UserInfo) {
    const stop = u.active !== false;
    // The unit's only liaison (or 分管负责人): say that its tasks' notices and reminders will reach nobody
    const unit = (org.data?.units ?? []).find((x) => x.unitId === u.unitId);
    const sole = stop && unit ? [unit.liaisons, unit.responsibleLeaders].filter((l) => l.length === 1 && l[0].id === u.id).map((l) => (l === unit.liaisons ? ('联络员' as const) : ('分管负责人' as const))) : [];
    // the tasks waiting for this person's own signature load into the open confirmation (its links close it); what
    // stopping does to them is said there, once (the paragraph: what it does to the account)
    const go = (href: string) => { dialog.destroy(); navigate(href); };
    const dialog = modal.confirm({
      title: stop ? `停用「${u.name}」？` : `启用「${u.name}」？`,
      content: stop ? (
        <>
          停用后该账号不能登录，已登录的会话立即失效，不再接收任务和提醒。可随时重新启用。
          {sole.length ? (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} data-testid="sole-duty-warning" message={`${unit!.name}将没有在岗的${sole.join('和')}`} description={soleDutyText(sole)} />
          ) : null}
          <AwaitedSignatures userId={u.id} go={go} />
        </>
      ) : '启用后该账号可以登录并接收任务和提醒。',
      okText: stop ? '停用' : '启用',
      okButtonProps: { danger: stop, 'data-testid': 'toggle-active-ok' } as never,
      cancelText: '取消',
      onOk: async () => {
        try {
          await request(stop ? 'deactivateUser' : 'activateUser', { params: { id: u.id }, idempotencyKey: newIdempotencyKey() });
          message.success(stop ? '已停用' : '已启用');
          users.reload();
          org.reload();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  }
  // who may manage which account is the server's (its access policy marks each account `manageable`); one's own
  // account is not stopped from here (the server refuses it too)
  const rowActions = (u: ListedUser) =>
    u.manageable && u.id !== me?.id ? (
      <Space size={0} wrap>
        <Button size="small" type="link" danger={u.active !== false} onClick={() => toggleActive(u)} data-testid="toggle-active">{u.active === false ? '启用' : '停用'}</Button>
        {u.active !== false ? <Button size="small" type="link" onClick={() => setResetting(u)} data-testid="reset-password-open">重置密码</Button> : null}
      </Space>
    ) : null;

  return (
    <div>
      <Typography.Title level={4}>用户与单位{org.data?.organization ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>{org.data.organization.name}</Typography.Text> : null}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'units' ? undefined : k, page: undefined })}
        items={[
          {
            key: 'units',
            label: '单位与联络员',
            children: (
              <Loadable {...org} empty={(d) => d.units.length === 0} emptyText="本组织尚无单位">
                {(d) => (
                  <UnitsTab
                    units={d.units}
                    phone={phone}
                    text={unitText}
                    noLiaison={noLiaison}
                    onFilter={set}
                    onMembers={(id) => set({ tab: 'users', unitId: id, page: undefined })}
                    onEdit={manager ? setEditing : undefined}
                  />
                )}
              </Loadable>
            ),
          },
          {
            key: 'users',
            label: '用户',
            children: (
              <>
                {manager ? (
                  <Button type="primary" icon={<UserAddOutlined />} style={{ marginBottom: 8 }} onClick={() => setCreating({ unitId })} data-testid="create-user">新建用户</Button>
                ) : null}
                <FilterBar testId="users-filters">
                  <Input.Search allowClear placeholder="姓名或用户名" defaultValue={q} key={`q-${q ?? ''}`} onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })} style={{ width: filterWidth(phone, 180) }} data-testid="users-q" />
                  <Select allowClear showSearch optionFilterProp="label" placeholder="全部单位" value={unitId} onChange={(v) => set({ unitId: v, page: undefined })} style={{ width: filterWidth(phone, 220) }} options={unitOptions} data-testid="users-unit" />
                  <Select allowClear placeholder="全部角色" value={role} onChange={(v) => set({ role: v, page: undefined })} style={{ width: filterWidth(phone, 160) }} options={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))} data-testid="users-role" />
                  <Select allowClear placeholder="全部状态" value={active} onChange={(v) => set({ active: v, page: undefined })} style={{ width: filterWidth(phone, 120) }} options={[{ value: 'true', label: '正常' }, { value: 'false', label: '已停用' }]} data-testid="users-active" />
                </FilterBar>
                <Loadable {...users} empty={(d) => d.total === 0} emptyText="没有符合条件的用户">
                  {(d) => (
                    // The wrapper holds the table and its pager (antd puts the test id on the table only).
                    <div data-testid="users-table">
                    <Table<ListedUser>
                      rowKey="id"
                      size="small"
                      loading={users.loading}
                      dataSource={d.items}
                      pagination={{ current: page, pageSize: PAGE, total: d.total, showSizeChanger: false, showTotal: (n) => `共 ${n} 人`, onChange: (p) => set({ page: p > 1 ? String(p) : undefined }) }}
                      scroll={phone ? undefined : { x: 700 }}
                      columns={
                        phone
                          ? [
                              {
                                title: '用户',
                                render: (_: unknown, u: ListedUser) => (
                                  <div style={{ wordBreak: 'break-all' }}>
                                    <Typography.Text strong>{u.name}</Typography.Text> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.username}</Typography.Text>
                                    <div style={{ fontSize: 12 }}>{u.roles.map((x) => labelOf(ROLE_LABEL, x)).join('、')}{u.unitId ? ` · ${unitName.get(u.unitId) ?? u.unitId}` : ''}</div>
                                  </div>
                                ),
                              },
                              { title: '状态', dataIndex: 'active', width: 76, render: (a: boolean | undefined, u: ListedUser) => (<>{a === false ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}{rowActions(u)}</>) },
                            ]
                          : [
                              { title: '姓名', dataIndex: 'name' },
                              { title: '用户名', dataIndex: 'username', width: 140 },
                              { title: '角色', dataIndex: 'roles', width: 200, render: (r: string[]) => r.map((x) => <Tag key={x}>{labelOf(ROLE_LABEL, x)}</Tag>) },
                              { title: '单位', dataIndex: 'unitId', render: (u: string | null) => (u ? (unitName.get(u) ?? u) : '—') },
                              { title: '状态', dataIndex: 'active', width: 80, render: (a?: boolean) => (a === false ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>) },
                              { title: '创建时间', dataIndex: 'createdAt', width: 140, render: (v?: string) => fmtDate(v) },
                              ...(manager ? [{ title: '', width: 150, render: (_: unknown, u: ListedUser) => rowActions(u) }] : []),
                            ]
                      }
                    />
                    </div>
                  )}
                </Loadable>
              </>
            ),
          },
          ...(robotsTab
            ? [{ key: 'robots', label: '工作群机器人', children: <RobotsTab organization={org.data?.organization ?? null} units={unitOptions} phone={phone} /> }]
            : []),
        ]}
      />
      <DutiesDialog unit={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); org.reload(); }} onCreate={(u) => { setEditing(null); setCreating({ unitId: u }); }} />
      <CreateUserDialog open={creating !== null} unitId={creating?.unitId} units={unitOptions} onClose={() => setCreating(null)} onCreated={() => { setCreating(null); users.reload(); org.reload(); }} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}

/** 指定联络员、分管负责人: active members of the unit (PUT organization/units/:unitId/duties replaces both lists). */
function DutiesDialog({ unit, onClose, onSaved, onCreate }: { unit: OrgUnit | null; onClose: () => void; onSaved: () => void; onCreate: (unitId: string) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const members = (unit?.members ?? []).filter((m) => m.active).map((m) => ({ value: m.id, label: m.name }));
  return (
    <Modal
      open={unit !== null}
      title={unit ? `${unit.name}：联络员与分管负责人` : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnClose
      onCancel={onClose}
      onOk={async () => {
        if (!unit) return;
        const v = (await form.validateFields()) as { liaisons?: string[]; responsibleLeaders?: string[] };
        setBusy(true);
        setError(null);
        try {
          await request('setUnitDuties', { params: { unitId: unit.unitId }, body: { liaisons: v.liaisons ?? [], responsibleLeaders: v.responsibleLeaders ?? [] }, idempotencyKey: newIdempotencyKey() });
          message.success('已保存');
          onSaved();
        } catch (e) {
          setError(errorText(e));
        } finally {
          setBusy(false);
        }
      }}
    >
      {unit ? (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ liaisons: unit.liaisons.map((p) => p.id), responsibleLeaders: unit.responsibleLeaders.map((p) => p.id) }}>
          {members.length ? null : <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="本单位没有可指定的在用账号，请先新建本单位用户" action={<Button size="small" onClick={() => onCreate(unit.unitId)} data-testid="create-unit-user">新建用户</Button>} />}
          <Form.Item name="liaisons" label="联络员（接收任务通知与催办）">
            <Select mode="multiple" options={members} placeholder="选择本单位人员" optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="responsibleLeaders" label="分管负责人">
            <Select mode="multiple" options={members} placeholder="选择本单位人员" optionFilterProp="label" />
          </Form.Item>
          {error ? <Alert type="error" showIcon message={error} /> : null}
        </Form>
      ) : null}
    </Modal>
  );
}
