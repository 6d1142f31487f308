import { loadBuiltInTemplates } from '@eco/templates';
import type { CampaignTemplate } from '../template/template.schema';
import type { CampaignState } from './campaign-state';
import { createCampaign } from './create-campaign';
import { applicationGate } from './progression';

const NOW = Date.parse('2026-12-03T09:00:00+08:00');

let yanzhou: CampaignTemplate;
let shinan: CampaignTemplate;
beforeAll(async () => {
  const all = await loadBuiltInTemplates();
  yanzhou = all.find((t) => t.id === 'yanzhou-2023')!;
  shinan = all.find((t) => t.id === 'shinan-2024')!;
});

/** A Yanzhou campaign taken over with the given milestones done, every milestone due in the future. */
function takenOver(done: (m: { key: string; taskKind?: string }) => boolean): CampaignState {
  const milestones = yanzhou.phases.flatMap((p) => p.milestones);
  const schedule = Object.fromEntries(milestones.map((m, i) => [m.key, NOW + (i + 1) * 86400000]));
  return createCampaign(yanzhou, { campaignId: 'g1', startAt: NOW, schedule, takeOver: { done: milestones.filter(done).map((m) => m.key) } }, NOW);
}

const beforeApplication = (m: { key: string }) => {
  const phase = yanzhou.phases.find((p) => p.milestones.some((x) => x.key === m.key))!;
  return phase.key === 'mobilization' || phase.key === 'implementation';
};

describe('the application gate names what a take-over marked done without material (申报材料包 holds nothing of it)', () => {
  it('indicators ticked done at the take-over are met, and listed as taken over with their tasks and units', () => {
    const s = takenOver(beforeApplication);
    const gate = applicationGate(s);
    expect(gate.missing.filter((m) => m.kind === 'binding-indicator')).toEqual([]);
    const binding = yanzhou.indicators.filter((i) => i.applicability === 'applicable' && i.attribute === 'binding');
    const listed = (gate.takenOver ?? []).filter((t) => t.kind === 'indicator' && t.attribute === 'binding');
    expect(listed.map((t) => t.code).sort()).toEqual(binding.map((i) => i.code).sort());
    for (const t of listed) {
      const task = s.tasks.find((x) => x.id === t.taskId)!;
      expect(task).toMatchObject({ status: 'approved', resolution: 'taken-over', indicatorCode: t.code });
      expect(t.unitId).toBe(task.unitId);
    }
  });

  it('an indicator approved through the system is not listed; a campaign not taken over lists nothing', () => {
    const s = takenOver(beforeApplication);
    const first = applicationGate(s).takenOver!.find((t) => t.kind === 'indicator')!;
    const task = s.tasks.find((x) => x.id === first.taskId)!;
    delete task.resolution; // as if its unit's material had been sent and approved
    expect(applicationGate(s).takenOver!.map((t) => t.code)).not.toContain(first.code);

    const fresh = takenOver(() => false);
    for (const t of fresh.tasks) t.status = 'approved';
    expect(applicationGate(fresh).takenOver).toBeUndefined();
  });

  it('only the milestones taken over count: indicators still open block the application and are not listed', () => {
    const s = takenOver((m) => beforeApplication(m) && m.taskKind !== 'indicator');
    const gate = applicationGate(s);
    expect(gate.allowed).toBe(false);
    expect(gate.missing.some((m) => m.kind === 'binding-indicator')).toBe(true);
    expect((gate.takenOver ?? []).filter((t) => t.kind === 'indicator')).toEqual([]);
  });

  it('a not-applicable indicator\'s certificate (不涉及证明) ticked done is listed as a certificate taken over', () => {
    const milestones = shinan.phases.flatMap((p) => p.milestones);
    const schedule = Object.fromEntries(milestones.map((m, i) => [m.key, NOW + (i + 1) * 86400000]));
    const done = shinan.phases.filter((p) => p.key === 'mobilization' || p.key === 'implementation').flatMap((p) => p.milestones.map((m) => m.key));
    const s = createCampaign(shinan, { campaignId: 'g2', startAt: NOW, schedule, takeOver: { done } }, NOW);
    const certificates = shinan.indicators.filter((i) => i.applicability === 'certificate-only');
    expect(certificates.length).toBeGreaterThan(0);
    const listed = (applicationGate(s).takenOver ?? []).filter((t) => t.kind === 'certificate');
    expect(listed.map((t) => t.code).sort()).toEqual(certificates.map((i) => i.code).sort());
    for (const t of listed) expect(s.tasks.find((x) => x.id === t.taskId)).toMatchObject({ kind: 'certificate', status: 'approved', resolution: 'taken-over' });
  });
});
