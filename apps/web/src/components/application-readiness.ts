import { ApiError, request } from '../api/client';
import type { DossierSummary, GateResult } from '../api/types';

/** 申报条件 (GET …/gate) for the overview's card and the application's page; null for a campaign without one (404). */
export function loadGate(campaignId: string, signal: AbortSignal): Promise<GateResult | null> {
  return request<GateResult>('gate', { params: { id: campaignId }, signal }).catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e)));
}

/** How many items keep the application shut: each missing item, and each veto condition blocked (its blockers once). */
export function gateOpenCount(g: Pick<GateResult, 'missing' | 'vetoBlockers'>): number {
  return g.missing.length + new Set((g.vetoBlockers ?? []).map((b) => b.vetoCode)).size;
}

/**
 * What the gate says of indicators met only by the take-over (接管): said the same on the overview's 申报条件 and on
 * the application's 申报准备情况.
 */
export function takenOverText(n: number): string {
  return `${n} 项指标（或不涉及证明）在接管时标记为「接管前已完成」，未通过本系统报送材料，申报材料包内无其附件；申报前请确认相关材料已另行备齐。`;
}

/**
 * The indicators without any approved file, once each in the plan's order (the summary lists tasks: an indicator's
 * parts and contributions), so that they add up with 「N/M 项指标有已通过材料」: an indicator with a file of one part
 * (`withFiles`) is not listed here though another part has none (the 目录 lists every part). Taken over when any of its
 * tasks was marked done at the take-over.
 */
export function indicatorGaps(tasks: DossierSummary['withoutFiles'], withFiles: readonly string[] = []): { code: string; name: string | null; takenOver: boolean }[] {
  const has = new Set(withFiles);
  const out = new Map<string, { code: string; name: string | null; takenOver: boolean }>();
  for (const t of tasks) {
    if (!t.indicatorCode || has.has(t.indicatorCode)) continue;
    const g = out.get(t.indicatorCode) ?? { code: t.indicatorCode, name: t.indicatorName, takenOver: false };
    g.takenOver ||= t.takenOver;
    out.set(t.indicatorCode, g);
  }
  return [...out.values()];
}
