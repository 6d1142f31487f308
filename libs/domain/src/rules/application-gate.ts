/**
 * The application gate (申报条件): the campaign may apply (提出创建/验收申请) only when
 *  - every binding (约束性) indicator that applies to the region is approved,
 *  - every disqualifying condition (一票否决情形, "近3年存在下列情况的地区不得提出验收申请") is
 *    attested absent by its responsible unit,
 *  - every indicator that does not apply here has its certificate (不涉及证明).
 * Reference (参考性) indicators do not block the application.
 *
 * Pure: workflows import it.
 */

export type IndicatorStatus = 'open' | 'submitted' | 'returned' | 'approved' | 'cancelled';

export interface GateIndicator {
  code: string;
  name: string;
  attribute: 'binding' | 'reference';
  applicability: 'applicable' | 'certificate-only';
  status: IndicatorStatus;
}

export interface GateVeto {
  code: string;
  text: string;
  attestedAbsent: boolean;
  /** Units that attested the condition occurred (已发生) in the look-back window: the application is barred. */
  occurredBy?: string[];
  /** Office findings (核查发现) on the condition not yet lifted by a recorded decision: the application is barred. */
  findings?: string[];
  lookBackYears?: number;
}

export interface GateCertificate {
  indicatorCode: string;
  present: boolean;
}

export interface ApplicationGateInput {
  indicators: GateIndicator[];
  vetoes: GateVeto[];
  certificates: GateCertificate[];
}

export type GateMissingKind = 'binding-indicator' | 'veto-condition' | 'certificate';

export interface GateMissing {
  kind: GateMissingKind;
  code: string;
  name: string;
  /** Why it blocks the application (Chinese, shown to users). */
  reason: string;
}

export interface ApplicationGateResult {
  allowed: boolean;
  missing: GateMissing[];
}

const STATUS_REASON: Record<Exclude<IndicatorStatus, 'approved'>, string> = {
  open: '约束性指标尚未提交达标材料',
  submitted: '约束性指标已提交，尚未审核通过',
  returned: '约束性指标被退回修改，尚未重新提交并通过审核',
  cancelled: '约束性指标任务已被取消，未获审核通过；约束性指标须全部达标后方可申报',
};

export function checkApplicationGate(input: ApplicationGateInput): ApplicationGateResult {
  const missing: GateMissing[] = [];

  for (const ind of input.indicators) {
    if (ind.attribute !== 'binding' || ind.applicability !== 'applicable') continue;
    if (ind.status === 'approved') continue;
    missing.push({ kind: 'binding-indicator', code: ind.code, name: ind.name, reason: STATUS_REASON[ind.status] });
  }

  for (const veto of input.vetoes) {
    if (veto.occurredBy?.length || veto.findings?.length) {
      const parts = [
        ...(veto.occurredBy?.length ? [`经${veto.occurredBy.join('、')}申报近${veto.lookBackYears ?? 3}年已发生`] : []),
        ...(veto.findings ?? []).map((f) => `领导小组办公室核查发现：${f}`),
      ];
      missing.push({
        kind: 'veto-condition',
        code: veto.code,
        name: veto.text,
        reason: `${parts.join('；')}，不得提出申请`,
      });
      continue;
    }
    if (veto.attestedAbsent) continue;
    missing.push({
      kind: 'veto-condition',
      code: veto.code,
      name: veto.text,
      reason: '尚未由责任单位确认近3年不存在，不得提出申请',
    });
  }

  for (const ind of input.indicators) {
    if (ind.applicability !== 'certificate-only') continue;
    const certs = input.certificates.filter((c) => c.indicatorCode === ind.code);
    if (certs.some((c) => c.present)) continue;
    missing.push({
      kind: 'certificate',
      code: ind.code,
      name: ind.name,
      reason: certs.length ? '不涉及指标的证明材料尚未出具' : '不涉及指标缺少责任部门出具的证明',
    });
  }

  return { allowed: missing.length === 0, missing };
}
