import { Checkbox, Input, Table, Tag, Typography } from 'antd';
import type { OrganizationUnits } from '../api/types';
import { FilterBar, filterWidth } from './FilterBar';
import { filterUnits } from './unit-filter';

export type OrgUnit = OrganizationUnits['units'][number];

const PAGE = 20;

/** A unit's liaisons or 分管负责人 as tags (with the liaison's phone), or 未指定. */
function dutyTags(people: OrgUnit['liaisons'], color: string, withPhone: boolean) {
  return people.length ? people.map((p) => <Tag key={p.id} color={color}>{p.name}{withPhone && p.phone ? ` ${p.phone}` : ''}</Tag>) : <Typography.Text type="warning">未指定</Typography.Text>;
}

/**
 * 用户与单位 → 单位与联络员: the organization's units (its own and those of the plans its campaigns run) with their
 * liaisons, 分管负责人 and members, found by name or as those without a liaison (`text`, `noLiaison`: in the URL);
 * `onEdit` (指定人员) for those who may designate, `onMembers` opens the unit's accounts. One column on a phone.
 */
export function UnitsTab(props: {
  units: OrgUnit[];
  phone: boolean;
  text: string | undefined;
  noLiaison: boolean;
  onFilter: (patch: { uq?: string; noLiaison?: string }) => void;
  onMembers: (unitId: string) => void;
  onEdit?: (unit: OrgUnit) => void;
}) {
  const { units, phone, text, noLiaison, onFilter, onMembers, onEdit } = props;
  const shown = filterUnits(units, text, noLiaison);
  const members = (u: OrgUnit) => {
    const off = u.members.filter((x) => !x.active).length;
    return `${u.members.length - off} 人${off && !phone ? `（停用 ${off}）` : ''}`;
  };
  const edit = (u: OrgUnit) => (onEdit ? <a onClick={() => onEdit(u)} data-testid="edit-duties">指定人员</a> : null);
  return (
    <>
      <FilterBar testId="units-filters">
        <Input.Search allowClear placeholder="单位名称" defaultValue={text} key={`uq-${text ?? ''}`} onSearch={(v) => onFilter({ uq: v.trim() || undefined })} style={{ width: filterWidth(phone, 200) }} data-testid="units-search" />
        <Checkbox checked={noLiaison} onChange={(e) => onFilter({ noLiaison: e.target.checked ? 'true' : undefined })} data-testid="units-no-liaison">
          只看未指定联络员的单位
        </Checkbox>
      </FilterBar>
      <Table
        rowKey="unitId"
        size="small"
        dataSource={shown}
        locale={{ emptyText: '没有符合条件的单位' }}
        pagination={shown.length > PAGE ? { pageSize: PAGE, showSizeChanger: false, showTotal: (n) => `共 ${n} 个单位` } : false}
        scroll={phone ? undefined : { x: 760 }}
        data-testid="units-table"
        columns={
          phone
            ? [
                {
                  // on a phone one column: the unit, its liaisons and 分管负责人, and 指定人员 (walkthrough: they sat off-screen in the table's scroll)
                  title: '单位',
                  render: (_: unknown, u: OrgUnit) => (
                    <div style={{ wordBreak: 'break-all' }} data-testid="unit-card">
                      <Typography.Text strong>{u.name}</Typography.Text>{' '}
                      <a onClick={() => onMembers(u.unitId)} style={{ fontSize: 12 }}>{members(u)}</a>
                      <div style={{ fontSize: 12, marginTop: 4 }}>联络员：{dutyTags(u.liaisons, 'green', true)}</div>
                      <div style={{ fontSize: 12, marginTop: 4 }}>分管负责人：{dutyTags(u.responsibleLeaders, 'blue', false)}</div>
                      {edit(u)}
                    </div>
                  ),
                },
              ]
            : [
                { title: '单位', dataIndex: 'name', width: 200, fixed: 'left' },
                { title: '联络员', dataIndex: 'liaisons', render: (l: OrgUnit['liaisons']) => dutyTags(l, 'green', true) },
                { title: '分管负责人', dataIndex: 'responsibleLeaders', render: (l: OrgUnit['responsibleLeaders']) => dutyTags(l, 'blue', false) },
                { title: '成员', dataIndex: 'members', width: 110, render: (_: unknown, u: OrgUnit) => <a onClick={() => onMembers(u.unitId)}>{members(u)}</a> },
                ...(onEdit ? [{ title: '', width: 90, render: (_: unknown, u: OrgUnit) => edit(u) }] : []),
              ]
        }
      />
    </>
  );
}
