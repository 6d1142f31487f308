import { PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Progress, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { campaignKindLabel, ID_PATTERN } from '@eco/domain';
import { download, errorText, upload } from '../api/client';
import type { IndicatorInfo, TemplateDetail } from '../api/types';
import { useAuth } from '../auth';
import { DownloadButton } from '../components/DownloadButton';
import { Loadable } from '../components/States';
import { templateDetail, templateSummaries } from '../directory';
import { useLoad } from '../hooks';
import { newCampaignWords } from './new-campaign-words';
import { ATTRIBUTE_LABEL, DOMAIN_LABEL, labelOf } from '../labels';

/** What the 推定 tag means (the exported table's word) (phones show no tooltip: the table says it once above). */
const DERIVED_NOTE = '标「推定」的指标：原方案未列出其名称、目标值或责任单位等内容，本模板按同类方案和国家指标推定，启动前请按本地实际核对。';

export function TemplatesPage() {
  const list = useLoad(() => templateSummaries(), []);
  const { has } = useAuth();
  const [importing, setImporting] = useState(false);
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>工作方案模板</Typography.Title>
        {has('office', 'admin') ? <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入指标任务分解表（xlsx）</Button> : null}
      </Space>
      <Loadable {...list} empty={(d) => d.length === 0} emptyText="暂无模板">
        {(items) => (
          <Table
            rowKey="id"
            data-testid="templates-table"
            size="middle"
            dataSource={items}
            pagination={false}
            scroll={{ x: 640 }}
            columns={[
              { title: '方案', dataIndex: 'name', render: (n: string, t) => <Link to={`/templates/${t.id}`}>{n}</Link> },
              { title: '地区', dataIndex: 'region', width: 140 },
              { title: '类型', dataIndex: 'kind', width: 90, render: (k: string) => campaignKindLabel(k) },
              { title: '指标', dataIndex: 'indicatorCount', width: 70 },
              { title: '单位', dataIndex: 'unitCount', width: 70 },
              { title: '来源', dataIndex: 'builtIn', width: 90, render: (b: boolean) => (b ? <Tag color="green">内置</Tag> : <Tag>自定义</Tag>) },
            ]}
          />
        )}
      </Loadable>
      <ImportDialog open={importing} onClose={() => setImporting(false)} onDone={() => window.location.reload()} />
    </div>
  );
}

/** A template id nobody has to invent: custom-20261205-k3f9 (the API wants lower-case letters, digits and dashes). */
function newTemplateId(): string {
  const d = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `custom-${d}-${Math.random().toString(36).slice(2, 6)}`;
}

function ImportDialog({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title="导入指标任务分解表"
      okText="导入"
      cancelText="取消"
      onCancel={onClose}
      okButtonProps={{ loading: pct !== null && pct < 100 }}
      onOk={async () => {
        const v = (await form.validateFields()) as Record<string, string>;
        if (!file) return setError('请选择 .xlsx 文件');
        const fd = new FormData();
        for (const [k, val] of Object.entries(v)) if (val) fd.append(k, val);
        fd.append('file', file, file.name);
        setError(null);
        setPct(0);
        try {
          await upload('templateImport', {}, fd, setPct);
          message.success('模板已导入');
          onDone();
        } catch (e) {
          setError(errorText(e));
          setPct(null);
        }
      }}
    >
      {/* What an imported table brings, before the clerk finds out at 发起: indicators and units, not the plan's steps */}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="指标表只含指标与责任单位"
        description="工作计划节点（阶段、节点与期限）将使用通用的三个阶段，不含内置方案中的规划编制、专家评审、预审、公示等节点；发起活动前可在工作计划预览中查看。"
        data-testid="import-phases-note"
      />
      <Form form={form} layout="vertical" initialValues={{ id: newTemplateId() }}>
        <Form.Item name="id" label="模板编号（系统内部使用，已自动生成，可不修改）" rules={[{ required: true, pattern: ID_PATTERN, message: '只能用小写字母、数字和短横线，如 my-county-2027' }]}>
          <Input placeholder="my-county-2027" />
        </Form.Item>
        <Form.Item name="name" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
          <Input placeholder="某县创建国家生态文明建设示范区工作方案" />
        </Form.Item>
        <Form.Item name="region" label="地区" rules={[{ required: true, message: '请填写地区' }]}>
          <Input placeholder="济宁市某县" />
        </Form.Item>
        <Form.Item label="指标任务分解表（.xlsx）" required>
          {/* kept here, sent on 导入 (the browser's own file input read Choose File / No file chosen) */}
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'xlsx', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="import-file">选择 Excel 文件</Button>
          </Upload>
        </Form.Item>
      </Form>
      {pct !== null ? <Progress percent={pct} status={pct < 100 ? 'active' : 'success'} format={(p) => (p === 100 ? '校验中…' : `${p}%`)} /> : null}
      {error ? <Alert type="error" showIcon message="导入失败" description={<div style={{ whiteSpace: 'pre-wrap', maxHeight: 200, overflow: 'auto' }}>{error}</div>} /> : null}
    </Modal>
  );
}

export function TemplateDetailPage() {
  const { id = '' } = useParams();
  const { has } = useAuth();
  const t = useLoad(() => templateDetail(id), [id]);
  return (
    <Loadable {...t}>
      {(d: TemplateDetail) => {
        const unit = new Map(d.units.map((u) => [u.id, u.shortName || u.name]));
        return (
          <div>
            <Link to="/templates">← 模板</Link>
            <Space style={{ width: '100%', justifyContent: 'space-between', margin: '8px 0 12px' }} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>{d.name}</Typography.Title>
              <Space wrap>
                {/* from reading a plan to starting from it, without finding it again in a list */}
                {has('office') ? (
                  <Link to={`/campaigns/new?template=${encodeURIComponent(d.id)}`} data-testid="start-from-template">
                    <Button type="primary" icon={<PlayCircleOutlined />}>{newCampaignWords(d.kind).fromTemplate}</Button>
                  </Link>
                ) : null}
                <DownloadButton label="下载指标任务分解表（xlsx）" testid="download-template-xlsx" download={(progress) => download('templateXlsx', { params: { id } }, `${d.name}-指标任务分解表.xlsx`, progress)} />
              </Space>
            </Space>
            <Card size="small" title={`指标任务分解表（${d.indicators.length} 项）`}>
              {d.indicators.some((i) => i.derived) ? <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="derived-note">{DERIVED_NOTE}</Typography.Paragraph> : null}
              <Table<IndicatorInfo>
                rowKey="code"
                size="small"
                dataSource={d.indicators}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 1100 }}
                data-testid="indicator-table"
                columns={[
                  { title: '领域', dataIndex: 'domain', width: 90, render: (v: string) => labelOf(DOMAIN_LABEL, v), filters: Object.entries(DOMAIN_LABEL).map(([value, text]) => ({ value, text })), onFilter: (v, r) => r.domain === v },
                  { title: '任务', dataIndex: 'section', width: 140, render: (s: string | undefined, r) => s ?? (r.task ? `任务${r.task}` : '—') },
                  { title: '编号', dataIndex: 'code', width: 60 },
                  { title: '指标', dataIndex: 'name', render: (n: string, r) => <span>{n}{r.derived ? <Tooltip title={DERIVED_NOTE}><Tag style={{ marginLeft: 4 }}>推定</Tag></Tooltip> : null}{r.applicability === 'certificate-only' ? <Tag color="orange" style={{ marginLeft: 4 }}>不涉及证明</Tag> : null}</span> },
                  { title: '单位', dataIndex: 'unit', width: 90 },
                  { title: '目标值', dataIndex: 'target', width: 140 },
                  { title: '属性', dataIndex: 'attribute', width: 80, render: (a: string) => <Tag color={a === 'binding' ? 'red' : 'blue'}>{labelOf(ATTRIBUTE_LABEL, a)}</Tag>, filters: [{ value: 'binding', text: '约束性' }, { value: 'reference', text: '参考性' }], onFilter: (v, r) => r.attribute === v },
                  { title: '牵头', dataIndex: 'leadUnitIds', width: 140, render: (ids: string[]) => ids.map((i) => unit.get(i) ?? i).join('、') },
                  { title: '协办', dataIndex: 'coUnitIds', width: 180, render: (ids: string[]) => ids.map((i) => unit.get(i) ?? i).join('、') || '—' },
                ]}
              />
            </Card>
          </div>
        );
      }}
    </Loadable>
  );
}
