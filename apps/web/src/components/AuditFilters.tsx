import { Card, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { actionLabels, OUTCOME_LABEL } from '../labels';

/**
 * Filters GET /api/campaigns/:id/audit and its exports apply, kept in the URL: `person` is what the clerk types
 * (姓名或用户名: part of the name, or the account), `actor` the account a row's name was clicked for (exactly that person).
 */
export const AUDIT_FILTERS = ['person', 'actor', 'unitId', 'action', 'taskId', 'outcome', 'from', 'to'] as const;
export type AuditFilter = Record<(typeof AUDIT_FILTERS)[number], string | undefined>;

/**
 * 审计记录's filter form: 人员 (typed; the clicked person's name shown), 单位, 操作, 结果, 任务, 时间 (Beijing days). Each
 * change goes through `set`, which starts again at the first page.
 */
export function AuditFilters(props: {
  f: AuditFilter;
  set: (patch: Partial<AuditFilter>) => void;
  phone: boolean;
  /** The name of the person `actor` names, as the page's rows give it. */
  actorName: string | undefined;
  units: readonly { id: string; name: string }[];
  /** Each task's label by id. */
  tasks: ReadonlyMap<string, string>;
  /** The campaign's kind: its trail's action names (发起创建活动 / 发起巩固提升活动). */
  kind: string | undefined;
}) {
  const { f, set, phone, actorName, units, tasks, kind } = props;
  /** One filter chosen from a list (单位, 操作, 结果, 任务): cleared to 全部, found by its label, the row's width on a phone. */
  const choice = (
    label: string,
    key: 'unitId' | 'action' | 'outcome' | 'taskId',
    placeholder: string,
    width: number,
    options: { value: string; label: string }[],
    o: { testId?: string; search?: boolean; widePopup?: boolean } = {},
  ) => (
    <Form.Item label={label}>
      <Select
        allowClear
        showSearch={o.search ?? true}
        optionFilterProp={o.search === false ? undefined : 'label'}
        placeholder={placeholder}
        value={f[key]}
        onChange={(v) => set({ [key]: v })}
        style={{ width: phone ? '100%' : width }}
        {...(o.widePopup ? { popupMatchSelectWidth: false } : {})}
        options={options}
        data-testid={o.testId}
      />
    </Form.Item>
  );
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Form layout={phone ? 'vertical' : 'inline'} style={{ rowGap: 8 }} data-testid="audit-filters">
        <Form.Item label="人员">
          <Input.Search
            allowClear
            placeholder="姓名或用户名"
            maxLength={100}
            defaultValue={f.person ?? actorName ?? f.actor}
            key={`person-${f.person ?? ''}-${f.actor ?? ''}-${actorName ?? ''}`}
            onSearch={(v) => set({ person: v.trim() || undefined, actor: undefined })}
            style={{ width: phone ? '100%' : 170 }}
            data-testid="filter-actor"
          />
        </Form.Item>
        {choice('单位', 'unitId', '全部单位', 200, units.map((u) => ({ value: u.id, label: u.name })), { testId: 'filter-unit' })}
        {choice('操作', 'action', '全部', 170, Object.entries(actionLabels(kind)).map(([value, label]) => ({ value, label })), { testId: 'filter-action' })}
        {choice('结果', 'outcome', '全部', 110, Object.entries(OUTCOME_LABEL).map(([value, label]) => ({ value, label })), { search: false })}
        {choice('任务', 'taskId', '全部任务', 240, [...tasks.entries()].map(([value, label]) => ({ value, label })), { testId: 'filter-task', widePopup: true })}
        <Form.Item label="时间">
          <DatePicker.RangePicker
            value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
            style={{ width: phone ? '100%' : undefined }}
            onChange={(r) => set({ from: r?.[0] ? `${r[0].format('YYYY-MM-DD')}T00:00:00+08:00` : undefined, to: r?.[1] ? `${r[1].format('YYYY-MM-DD')}T23:59:59+08:00` : undefined })}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
