import type { DossierSummary } from '../api/types';

/**
 * What the gate says of indicators met only by the take-over (接管): said the same on the overview's 申报条件 and on
 * the application's 申报准备情况.
 */
export function takenOverText(n: number): string {
  return `${n} 项指标（或不涉及证明）为接管时标记的「接管前已完成」，系统中没有报送材料，申报材料包内无其附件；请在申报前确认其材料另行齐备。`;
}

/**
 * The indicators without an approved file, once each in the plan's order (the summary lists tasks: an indicator's
 * parts and contributions); taken over when any of its tasks was marked done at the take-over.
 */
export function indicatorGaps(tasks: DossierSummary['withoutFiles']): { code: string; name: string | null; takenOver: boolean }[] {
  const out = new Map<string, { code: string; name: string | null; takenOver: boolean }>();
  for (const t of tasks) {
    if (!t.indicatorCode) continue;
    const g = out.get(t.indicatorCode) ?? { code: t.indicatorCode, name: t.indicatorName, takenOver: false };
    g.takenOver ||= t.takenOver;
    out.set(t.indicatorCode, g);
  }
  return [...out.values()];
}
