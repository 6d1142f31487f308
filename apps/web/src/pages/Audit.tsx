import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { download, errorText, request } from '../api/client';
import type { AuditEntry, AuditVerify } from '../api/types';
import { CampaignPicker } from '../components/CampaignPicker';
import { Loadable } from '../components/States';
import { unitNameMap } from '../directory';
import { fmtDateTime } from '../format';
import { useIsPhone, useLoad } from '../hooks';
import { ACTION_LABEL, OUTCOME_LABEL, ROLE_LABEL } from '../labels';
import { taskHref } from './Inbox';

const FILTERS = ['actor', 'unit', 'action', 'taskId', 'outcome', 'from', 'to'] as const;

export function AuditPage() {
  const params = useParams();
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const id = params.id ?? sp.get('campaign') ?? undefined;
  const f = Object.fromEntries(FILTERS.map((k) => [k, sp.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const query = { actor: f.actor, action: f.action, taskId: f.taskId, outcome: f.outcome, from: f.from, to: f.to };
  const qkey = JSON.stringify(query);
  const rows = useLoad((signal) => (id ? request<AuditEntry[]>('audit', { params: { id }, query, signal }) : Promise.resolve([] as AuditEntry[])), [id, qkey]);
  const verify = useLoad((signal) => (id ? request<AuditVerify>('auditVerify', { params: { id }, signal }) : Promise.resolve(null)), [id]);
  const units = useLoad(() => unitNameMap().catch(() => new Map<string, string>()), []);
  const [exporting, setExporting] = useState<string | null>(null);
  const pick = useCallback((c: string) => navigate(`/campaigns/${encodeURIComponent(c)}/audit`, { replace: !id }), [navigate, id]);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSp(next, { replace: true });
  };
  const shown = useMemo(() => (rows.data ?? []).filter((r) => !f.unit || r.actor.unitId === f.unit), [rows.data, f.unit]);

  async function exportAs(kind: 'auditCsv' | 'auditXlsx') {
    if (!id) return;
    setExporting(kind);
    try {
      await download(kind, { params: { id }, query }, kind === 'auditCsv' ? `audit-${id}.csv` : `audit-${id}.xlsx`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(null);
    }
  }

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>审计记录</Typography.Title>
        <CampaignPicker value={id} onChange={pick} />
      </Space>
      {verify.data ? (
        verify.data.valid ? (
          <Alert type="success" showIcon icon={<CheckCircleFilled />} message={`审计链校验通过：共 ${verify.data.count} 条记录，哈希链完整，未被篡改`} style={{ marginBottom: 12 }} data-testid="verify" />
        ) : (
          <Alert type="error" showIcon icon={<CloseCircleFilled />} message={`审计链校验失败：第 ${verify.data.brokenAt ?? '?'} 条记录起哈希不连续，可能被篡改`} style={{ marginBottom: 12 }} data-testid="verify" />
        )
      ) : verify.error ? (
        <Alert type="warning" showIcon message={`无法校验审计链：${errorText(verify.error)}`} style={{ marginBottom: 12 }} />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout={phone ? 'vertical' : 'inline'} style={{ rowGap: 8 }}>
          <Form.Item label="人员">
            <Input.Search allowClear placeholder="用户名" defaultValue={f.actor} onSearch={(v) => set({ actor: v || undefined })} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label="单位">
            <Select allowClear showSearch optionFilterProp="label" placeholder="全部单位" value={f.unit} onChange={(v) => set({ unit: v })} style={{ width: 180 }} options={[...(units.data ?? new Map()).entries()].map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="操作">
            <Select allowClear placeholder="全部" value={f.action} onChange={(v) => set({ action: v })} style={{ width: 130 }} options={Object.entries(ACTION_LABEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="结果">
            <Select allowClear placeholder="全部" value={f.outcome} onChange={(v) => set({ outcome: v })} style={{ width: 110 }} options={[{ value: 'accepted', label: '成功' }, { value: 'refused', label: '被拒绝' }, { value: 'denied', label: '无权限' }]} />
          </Form.Item>
          <Form.Item label="任务">
            <Input.Search allowClear placeholder="任务编号" defaultValue={f.taskId} onSearch={(v) => set({ taskId: v || undefined })} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="时间">
            <DatePicker.RangePicker
              value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
              onChange={(r) => set({ from: r?.[0] ? `${r[0].format('YYYY-MM-DD')}T00:00:00+08:00` : undefined, to: r?.[1] ? `${r[1].format('YYYY-MM-DD')}T23:59:59+08:00` : undefined })}
            />
          </Form.Item>
        </Form>
      </Card>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<DownloadOutlined />} loading={exporting === 'auditCsv'} disabled={!id} onClick={() => void exportAs('auditCsv')}>导出 CSV</Button>
        <Button icon={<DownloadOutlined />} loading={exporting === 'auditXlsx'} disabled={!id} onClick={() => void exportAs('auditXlsx')}>导出 Excel</Button>
      </Space>
      <Loadable {...rows} data={id ? rows.data : []} empty={() => shown.length === 0} emptyText={id ? '没有符合条件的审计记录' : '请选择创建活动'}>
        {() => (
          <Table<AuditEntry>
            rowKey="seq"
            size="small"
            dataSource={[...shown].reverse()}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
            scroll={{ x: 900 }}
            data-testid="audit-table"
            columns={[
              { title: '序号', dataIndex: 'seq', width: 64 },
              { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
              { title: '人员', width: 170, render: (_, r) => <span>{r.actor.name}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.actor.unitId ? (units.data?.get(r.actor.unitId) ?? r.actor.unitId) : r.actor.roles.map((x) => ROLE_LABEL[x as keyof typeof ROLE_LABEL] ?? x).join('、')}</div></span> },
              { title: '操作', dataIndex: 'action', width: 100, render: (a: string) => ACTION_LABEL[a] ?? a },
              { title: '任务', dataIndex: 'taskId', width: 200, render: (t: string | undefined) => (t && id ? <a onClick={() => navigate(taskHref(id, t))}>{t}</a> : '—') },
              { title: '结果', dataIndex: 'outcome', width: 80, render: (o: string) => <Tag color={o === 'accepted' ? 'green' : o === 'denied' ? 'red' : o === 'refused' ? 'orange' : 'default'}>{OUTCOME_LABEL[o] ?? o}</Tag> },
              { title: '说明', render: (_, r) => [r.reason, r.comment].filter(Boolean).join('；') || '—' },
            ]}
          />
        )}
      </Loadable>
    </div>
  );
}
