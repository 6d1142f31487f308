/**
 * 指标 card's units: 牵头单位 and 协办单位 as the plan lists them — but an indicator task several units answer for jointly
 * (共同负责: the task's jointUnitIds) names them 共同负责单位, not 牵头/协办 (walkthrough: the card said 协办单位：县统计局
 * while 协办单位材料 just below said 本指标无协办单位 — a 共同负责 unit sends no 协办材料, it submits the task itself).
 */
import type { IndicatorInfo } from '../api/types';

export function indicatorUnitRows(indicator: Pick<IndicatorInfo, 'units'>, jointUnitIds?: readonly string[]): { label: string; value: string }[] {
  const joint = new Set(jointUnitIds ?? []);
  const names = (role: 'lead' | 'co') => indicator.units.filter((u) => u.role === role && !joint.has(u.id)).map((u) => u.name).join('、') || '—';
  if (!joint.size) return [{ label: '牵头单位', value: names('lead') }, { label: '协办单位', value: names('co') }];
  const nameOf = (id: string) => indicator.units.find((u) => u.id === id)?.name ?? id;
  const rows = [{ label: '共同负责单位', value: [...joint].map(nameOf).join('、') }];
  // a lead not among the joint units (not expected) still shows; 协办单位 are those left
  if (indicator.units.some((u) => u.role === 'lead' && !joint.has(u.id))) rows.push({ label: '牵头单位', value: names('lead') });
  rows.push({ label: '协办单位', value: names('co') });
  return rows;
}
