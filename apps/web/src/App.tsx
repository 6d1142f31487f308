import { Result, Spin } from 'antd';
import { lazy, ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { RECORD_READERS } from '@eco/domain';
import type { Role } from './api/types';
import { OFFICE, OVERSIGHT, useAuth } from './auth';
import { AppLayout } from './components/AppLayout';
import { InboxPage } from './pages/Inbox';
import { LoginPage } from './pages/Login';

// Screens beyond the first two are split into their own chunks (charts and tables load when opened).
const TaskDetailPage = lazy(() => import('./pages/TaskDetail').then((m) => ({ default: m.TaskDetailPage })));
const CampaignsPage = lazy(() => import('./pages/Campaigns').then((m) => ({ default: m.CampaignsPage })));
const CampaignTasksPage = lazy(() => import('./pages/CampaignTasks').then((m) => ({ default: m.CampaignTasksPage })));
const OverviewPage = lazy(() => import('./pages/Overview').then((m) => ({ default: m.OverviewPage })));
const NewCampaignPage = lazy(() => import('./pages/NewCampaign').then((m) => ({ default: m.NewCampaignPage })));
const TemplatesPage = lazy(() => import('./pages/Templates').then((m) => ({ default: m.TemplatesPage })));
const TemplateDetailPage = lazy(() => import('./pages/Templates').then((m) => ({ default: m.TemplateDetailPage })));
const AuditPage = lazy(() => import('./pages/Audit').then((m) => ({ default: m.AuditPage })));
const RemindersPage = lazy(() => import('./pages/Reminders').then((m) => ({ default: m.RemindersPage })));
const UsersPage = lazy(() => import('./pages/Users').then((m) => ({ default: m.UsersPage })));
const PasswordPage = lazy(() => import('./pages/Password').then((m) => ({ default: m.PasswordPage })));
const ReminderSettingsPage = lazy(() => import('./pages/ReminderSettings').then((m) => ({ default: m.ReminderSettingsPage })));

function RequireLogin({ children }: { children: ReactNode }) {
  const { me, ready } = useAuth();
  const loc = useLocation();
  if (!ready) return <Spin fullscreen tip="正在加载…" />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children}</>;
}

function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { has } = useAuth();
  if (!has(...roles)) return <Result status="403" title="无权访问" subTitle="您的角色不能查看此页面。" />;
  return <>{children}</>;
}

const page = (el: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} tip="正在加载…"><div style={{ height: 40 }} /></Spin>}>{el}</Suspense>;

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireLogin>
            <AppLayout />
          </RequireLogin>
        }
      >
        <Route index element={<Navigate to="/inbox" replace />} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/campaigns" element={page(<RequireRole roles={OVERSIGHT}><CampaignsPage /></RequireRole>)} />
        <Route path="/campaigns/new" element={page(<RequireRole roles={OFFICE}><NewCampaignPage /></RequireRole>)} />
        <Route path="/campaigns/:id" element={page(<OverviewPage />)} />
        <Route path="/campaigns/:id/tasks" element={page(<RequireRole roles={OVERSIGHT}><CampaignTasksPage /></RequireRole>)} />
        <Route path="/campaigns/:id/tasks/:taskId" element={page(<TaskDetailPage />)} />
        <Route path="/campaigns/:id/audit" element={page(<RequireRole roles={RECORD_READERS}><AuditPage /></RequireRole>)} />
        <Route path="/audit" element={page(<RequireRole roles={RECORD_READERS}><AuditPage /></RequireRole>)} />
        <Route path="/templates" element={page(<TemplatesPage />)} />
        <Route path="/templates/:id" element={page(<TemplateDetailPage />)} />
        <Route path="/reminders" element={page(<RemindersPage />)} />
        <Route path="/users" element={page(<RequireRole roles={OFFICE}><UsersPage /></RequireRole>)} />
        <Route path="/password" element={page(<PasswordPage />)} />
        <Route path="/reminders/settings" element={page(<ReminderSettingsPage />)} />
        <Route path="*" element={<Result status="404" title="页面不存在" subTitle="请检查链接是否正确。" />} />
      </Route>
    </Routes>
  );
}
