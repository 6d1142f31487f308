import { AuditOutlined, BellOutlined, FileExcelOutlined, InboxOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, PlusCircleOutlined, ProjectOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Avatar, Badge, Button, Drawer, Dropdown, Layout, Menu, Tag, Typography } from 'antd';
import { ReactNode, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { RECORD_READERS } from '@eco/domain';
import { onWrite, request } from '../api/client';
import type { Role } from '../api/types';
import { OFFICE, OVERSIGHT, useAuth } from '../auth';
import { unitNameMap } from '../directory';
import { useIsPhone } from '../hooks';
import { roleText } from '../labels';
import { Logo } from './Logo';

interface NavItem {
  key: string;
  label: string;
  icon: ReactNode;
  roles?: readonly Role[];
}

const NAV: NavItem[] = [
  { key: '/inbox', label: '我的待办', icon: <InboxOutlined /> },
  { key: '/campaigns', label: '活动总览', icon: <ProjectOutlined />, roles: OVERSIGHT },
  { key: '/campaigns/new', label: '发起活动', icon: <PlusCircleOutlined />, roles: OFFICE },
  { key: '/templates', label: '模板', icon: <FileExcelOutlined />, roles: ['office', 'leader', 'admin', 'inspector'] },
  { key: '/audit', label: '审计', icon: <AuditOutlined />, roles: RECORD_READERS },
  { key: '/reminders', label: '提醒', icon: <BellOutlined /> },
  { key: '/users', label: '用户与单位', icon: <TeamOutlined />, roles: OFFICE },
];

function selectedKey(path: string): string {
  if (path.startsWith('/campaigns/new')) return '/campaigns/new';
  if (/^\/campaigns\/[^/]+\/audit/.test(path)) return '/audit';
  const hit = NAV.filter((n) => path === n.key || path.startsWith(`${n.key}/`)).sort((a, b) => b.key.length - a.key.length)[0];
  return hit?.key ?? '/inbox';
}

export function AppLayout() {
  const { me, logout, has } = useAuth();
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);
  const [unitName, setUnitName] = useState<string | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const unread = useUnread(`${location.pathname}${location.search}`);
  const items = useMemo(
    () =>
      NAV.filter((n) => !n.roles || has(...n.roles)).map((n) => ({
        key: n.key,
        icon: n.icon,
        // 提醒 says how many are unread (walkthrough: nine unread and nothing said so)
        label: <Link to={n.key}>{n.label}{n.key === '/reminders' && unread ? <Badge count={unread} size="small" overflowCount={99} style={{ marginLeft: 6, boxShadow: 'none' }} data-testid="unread-count" /> : null}</Link>,
      })),
    [has, unread],
  );

  useEffect(() => {
    if (!me?.unitId) return setUnitName(null);
    void unitNameMap().then((m) => setUnitName(m.get(me.unitId!) ?? me.unitId)).catch(() => setUnitName(me.unitId));
  }, [me?.unitId]);

  useEffect(() => setOpen(false), [location.pathname]);
  if (!me) return null;
  const roles = roleText(me.roles, me.organizationLevel);
  const whereAndRole = [unitName, roles].filter((x): x is string => !!x && !me.name.includes(x)).join(' · ');
  const who = (
    // Shrinks before anything else in the header (a long unit name, 县疾病预防控制中心, pushed the page wider than a phone)
    <div data-testid="whoami" style={{ display: 'flex', alignItems: 'center', gap: 6, color: '#fff', cursor: 'pointer', flex: '0 1 auto', minWidth: 0, maxWidth: phone ? 190 : 420, overflow: 'hidden' }}>
      <Avatar size="small" icon={<UserOutlined />} style={{ background: '#3d8b65', flex: 'none' }} />
      <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.2, minWidth: 0, overflow: 'hidden' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 13 }} ellipsis>{me.name}</Typography.Text>
        {/* what the name does not already say (an account named 核查组 read 「核查组 / 核查组」) */}
        {whereAndRole ? <Typography.Text style={{ color: 'rgba(255,255,255,.8)', fontSize: 11 }} ellipsis>{whereAndRole}</Typography.Text> : null}
      </span>
    </div>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: phone ? 8 : 12, padding: phone ? '0 12px' : '0 24px', background: '#1f6f4a', position: 'sticky', top: 0, zIndex: 10, height: 56, lineHeight: '56px' }}>
        {phone ? <Button type="text" aria-label="菜单" icon={<Badge dot={unread > 0} offset={[2, 0]}><MenuOutlined style={{ color: '#fff', fontSize: 18 }} /></Badge>} onClick={() => setOpen(true)} /> : null}
        <Link to="/inbox" style={{ color: '#fff', fontWeight: 600, fontSize: phone ? 15 : 17, whiteSpace: 'nowrap', display: 'flex', alignItems: 'center', gap: 8, flex: 'none' }}>
          <Logo size={phone ? 22 : 26} color="#fff" leaf="#1f6f4a" />
          {phone ? '示范区创建' : '生态文明建设示范区创建'}
        </Link>
        {phone ? <span style={{ flex: 1 }} /> : <Menu theme="dark" mode="horizontal" selectedKeys={[selectedKey(location.pathname)]} items={items} style={{ flex: 1, minWidth: 0, background: 'transparent', borderBottom: 0 }} />}
        <Dropdown
          menu={{
            items: [
              { key: 'role', label: <span>{me.name}{roles && !me.name.includes(roles) ? `（${roles}）` : ''}</span>, disabled: true }, // a name that already says the role: once
              { key: 'pw', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/password') },
              { key: 'prefs', icon: <SettingOutlined />, label: '提醒设置', onClick: () => navigate('/reminders/settings') },
              { key: 'out', icon: <LogoutOutlined />, label: '退出登录', onClick: logout },
            ],
          }}
        >
          {who}
        </Dropdown>
        <Button type="text" aria-label="退出登录" title="退出登录" data-testid="logout" style={{ flex: 'none' }} icon={<LogoutOutlined style={{ color: '#fff' }} />} onClick={logout}>
          {phone ? null : <span style={{ color: '#fff' }}>退出</span>}
        </Button>
      </Layout.Header>
      <Drawer placement="left" open={open} onClose={() => setOpen(false)} width={260} title={<Tag color="green">{roles}</Tag>} styles={{ body: { padding: 0 } }}>
        <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} data-testid="drawer-nav" />
        {/* On a phone the drawer is where people look for their account (修改密码 was reachable only by tapping one's name) */}
        <Menu
          mode="inline"
          selectable={false}
          data-testid="drawer-account"
          style={{ borderTop: '1px solid #f0f0f0' }}
          items={[
            { key: 'pw', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/password') },
            { key: 'prefs', icon: <SettingOutlined />, label: '提醒设置', onClick: () => navigate('/reminders/settings') },
            { key: 'out', icon: <LogoutOutlined />, label: '退出登录', onClick: logout },
          ]}
        />
      </Drawer>
      <Layout.Content style={{ padding: phone ? 12 : 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
        {/* A password the office set (a new account, a reset) is to be changed by its holder: asked on every page until it is.
            On a phone a short strip (the title on one line, the button under it), not a third of the first screen. */}
        {me.initialPassword && location.pathname !== '/password' ? (
          phone ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12, padding: '8px 12px' }}
              data-testid="initial-password"
              message="您正在使用他人设置的初始密码"
              description={<Button size="small" type="primary" style={{ marginTop: 4 }} onClick={() => navigate('/password')}>修改密码</Button>}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="initial-password"
              message="您正在使用他人设置的初始密码"
              description="为保证账号安全，请尽快修改为只有您自己知道的密码。"
              action={<Button size="small" type="primary" onClick={() => navigate('/password')}>修改密码</Button>}
            />
          )
        ) : null}
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '12px' }}>国家生态文明建设示范区创建 · 签批平台 · 时间均为北京时间</Layout.Footer>
    </Layout>
  );
}

const UNREAD_CHANGED = 'eco:unread-changed';

/** Tells the menu's 提醒 count to ask again (after 全部标为已读, say). */
export function unreadChanged(): void {
  window.dispatchEvent(new Event(UNREAD_CHANGED));
}

/**
 * How many of the user's notifications are unread: asked again on every page or filter change, when the window gets
 * the focus back, after every accepted action and when a page says it changed (one small read each time).
 */
function useUnread(place: string): number {
  const [unread, setUnread] = useState(0);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const again = () => setAsked((n) => n + 1);
    window.addEventListener(UNREAD_CHANGED, again);
    window.addEventListener('focus', again);
    const stop = onWrite(again); // an action (重新报送, 审批) may settle a notice: 已处理 is not unread
    return () => {
      window.removeEventListener(UNREAD_CHANGED, again);
      window.removeEventListener('focus', again);
      stop();
    };
  }, []);
  useEffect(() => {
    const ac = new AbortController();
    request<{ unread?: number }>('notifications', { query: { limit: 1, unread: 'true' }, signal: ac.signal })
      .then((r) => setUnread(r.unread ?? 0))
      .catch(() => undefined); // the count is a hint: the page itself says when the server is down
    return () => ac.abort();
  }, [place, asked]);
  return unread;
}
