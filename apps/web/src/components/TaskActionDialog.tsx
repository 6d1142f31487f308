import { Alert, DatePicker, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { offersWithChanges, openPlaces as placesStillOpen, TEXT_MAX, type ApproveWording } from '@eco/domain';
import { errorText, request } from '../api/client';
import type { AddApproverBody, Candidate, StepView, TaskAction, TaskDetailView } from '../api/types';
import { useAuth } from '../auth';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { ADD_APPROVER_CHOICES, principalLabel } from '../labels';
import { earlierNote, notBeforeToday } from './date-rules';
import type { DialogKind, TaskActions } from './TaskActions';
import { candidateLabel } from './task-names';
import { lengthLimit } from './text-rules';

interface DialogProps {
  id: string;
  taskId: string;
  t: TaskDetailView;
  ctl: TaskActions;
  /** What the API says the caller may do now (退回 may move the deadline too). */
  allowed: TaskAction[];
  /** The step of the last round the task waits on, if any. */
  activeStep: StepView | undefined;
  approving: ApproveWording;
  names: Map<string, string>;
}

/**
 * The dialogs of the 办理 card: 审批通过 (or 修改后通过), 退回 (with a new 补正期限), 转交, 加签, and a joint unit's 确认 or
 * 提出异议. A refusal of the server shows in the dialog; the dialog closes once the action went through.
 */
export function TaskActionDialog({ id, taskId, t, ctl, allowed, activeStep, approving, names }: DialogProps) {
  const { has } = useAuth();
  const { busy, refusal, setRefusal, dialog, setDialog, dform, act } = ctl;
  const newDue = Form.useWatch('newDue', dform) as Dayjs | undefined;
  const verdict = Form.useWatch('verdict', dform) as string | undefined; // 修改后通过 changes the dialog's words
  // The active step's places still to decide (a 会签 of several experts): what the office may hand over.
  const openPlaces = useMemo(() => (activeStep ? placesStillOpen(activeStep) : ([] as string[])), [activeStep]);
  // 转交 / 加签: the people the server's policy accepts for this step (not the submitter nor their unit, not an earlier
  // signer, not already on it) — also for a unit user, who may not list accounts (walkthrough: offered no names)
  const purpose = dialog === 'transfer' || dialog === 'addApprover' ? dialog : null;
  // 转交: whom the chosen place may go to (an expert's place to experts only, the office's review to the office or a leader)
  const transferFrom = Form.useWatch('from', dform) as string | undefined;
  const from = purpose === 'transfer' ? transferFrom : undefined;
  const candidateList = useLoad(
    (signal) =>
      purpose
        ? request<Candidate[]>('taskCandidates', { params: { id, taskId }, query: { purpose, ...(from ? { from } : {}) }, signal })
        : Promise.resolve([] as Candidate[]),
    [id, taskId, purpose, from],
  );
  const candidates = candidateList.data ?? [];
  const withChanges = verdict === 'with-changes';
  const kind = dialog ?? 'approve';
  // each dialog's title and OK button (审批通过's are the step's words, approveWording: 会签, 确认整改, 签字确认, 修改后通过)
  const words = (
    {
      approve: withChanges ? { title: approving.titleWithChanges, ok: approving.okWithChanges } : { title: approving.title, ok: approving.ok },
      return: { title: '退回任务', ok: '确认退回' },
      transfer: { title: '转交审批', ok: '确认转交' },
      addApprover: { title: '加签', ok: '确认加签' },
      submit: { title: '报送', ok: '确认' },
      confirmJoint: { title: '确认共同负责任务的报送', ok: '确认无误' },
      object: { title: '对报送内容提出异议', ok: '提出异议并退回' },
    } satisfies { readonly [K in DialogKind]: { title: string; ok: string } }
  )[kind];
  const pickerHint = candidateList.loading
    ? '正在载入可选人员…'
    : candidateList.error
      ? `无法载入可选人员：${errorText(candidateList.error)}`
      : candidates.length
        ? '输入姓名或单位查找'
        : '暂无可选人员';
  // who could take it is the server's policy (people in post, not the caller, not those who signed); nobody left: the
  // field says where people are added (a 组长 found both dialogs empty, with nothing said)
  const nobodyHelp = !candidateList.loading && !candidateList.error && !candidates.length
    ? `本组织暂无可${dialog === 'transfer' ? '接替审批' : '加签'}的在岗人员，请领导小组办公室在「用户与单位」中添加后再试`
    : undefined;
  // each text box's limit is the API's (TEXT_MAX): counted against it, a longer text refused here — never cut
  const approveLimit = lengthLimit(withChanges ? '修改意见' : approving.comment, TEXT_MAX.approve.comment);
  const confirmLimit = lengthLimit(dialog === 'object' ? '异议理由' : '确认意见', TEXT_MAX.confirmJoint.comment);
  const returnLimit = lengthLimit('退回原因', TEXT_MAX.return.reason);
  const handOverLimit = lengthLimit(dialog === 'transfer' ? '转交原因' : '加签原因', dialog === 'transfer' ? TEXT_MAX.transfer.reason : TEXT_MAX.addApprover.reason);
  const dueNote = [earlierNote(newDue, t.dueAt, fmtDate), `不填则沿用原期限 ${fmtDate(t.dueAt)}；填写则截止至该日23:59（北京时间，非工作日顺延），退回通知写明新期限`];

  async function onOk() {
    let v: Record<string, string>;
    try {
      v = (await dform.validateFields()) as Record<string, string>;
    } catch {
      return; // the form says what is missing
    }
    if (dialog === 'approve') await act('approve', { comment: v.comment || undefined, ...(v.verdict === 'with-changes' ? { withChanges: true } : {}) });
    // 退回 with a new 补正期限 (who may move deadlines): one act — the unit's 【退回】 names the new date
    const newDue = (v as Record<string, unknown>).newDue as Dayjs | undefined;
    if (dialog === 'return') await act('return', { reason: v.reason, ...(newDue ? { dueDate: newDue.format('YYYY-MM-DD') } : {}) });
    // The office names the place it hands over: the one the step still waits on, or the one it picked.
    const place = v.from || (has('office') && openPlaces.length === 1 ? openPlaces[0] : undefined);
    if (dialog === 'transfer') await act('transfer', { toUserId: v.userId, reason: v.reason, from: place });
    // 加签方式 as chosen (并加签 preselected, the API's default)
    if (dialog === 'addApprover') await act('addApprover', { userId: v.userId, reason: v.reason, mode: (v.mode || 'co-sign') as AddApproverBody['mode'] } satisfies AddApproverBody);
    if (dialog === 'confirmJoint') await act('confirmJoint', { agree: true, comment: v.comment || undefined });
    if (dialog === 'object') await act('confirmJoint', { agree: false, comment: v.comment });
  }

  return (
    <Modal
      open={dialog !== null}
      title={words.title}
      okText={words.ok}
      cancelText="取消"
      okButtonProps={{ danger: dialog === 'return' || dialog === 'object', loading: busy !== null, 'data-testid': 'dialog-ok' } as never}
      onCancel={() => {
        setDialog(null);
        setRefusal(null);
      }}
      destroyOnClose
      onOk={onOk}
    >
      <Form form={dform} layout="vertical" preserve={false}>
        {/* the server's refusal where the user is looking (it also stays on the page once the dialog closes) */}
        {refusal ? (
          <Alert
            type={refusal.stale ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 12 }}
            message={refusal.title}
            description={refusal.text}
            data-testid="dialog-refusal"
            data-stale={refusal.stale ? 'true' : undefined}
          />
        ) : null}
        {dialog === 'approve' && offersWithChanges(activeStep, t.kind) ? (
          // An expert's verdict on the plan: 同意, or 修改后通过 with the changes it asks for (不通过: 退回); not on a
          // unit's materials an expert was added to (the domain's rule)
          <Form.Item name="verdict" label="评审意见" initialValue="agree">
            <Radio.Group data-testid="approve-verdict">
              <Radio value="agree">同意</Radio>
              <Radio value="with-changes">修改后通过</Radio>
            </Radio.Group>
          </Form.Item>
        ) : null}
        {dialog === 'approve' ? (
          <Form.Item noStyle dependencies={['verdict']}>
            {({ getFieldValue }) =>
              getFieldValue('verdict') === 'with-changes' ? (
                <Form.Item name="comment" label="修改意见" rules={[{ required: true, whitespace: true, message: '请写明需修改的内容' }, approveLimit.rule]}>
                  <Input.TextArea rows={4} {...approveLimit.box} placeholder="例如：补充近三年水环境质量数据，完善重点工程投资估算" data-testid="approve-comment" />
                </Form.Item>
              ) : (
                <Form.Item name="comment" label={approving.comment} rules={[approveLimit.rule]}>
                  <Input.TextArea rows={3} {...approveLimit.box} placeholder="同意" data-testid="approve-comment" />
                </Form.Item>
              )
            }
          </Form.Item>
        ) : null}
        {dialog === 'confirmJoint' ? (
          <Form.Item name="comment" label="确认意见（可选）" rules={[confirmLimit.rule]}>
            <Input.TextArea rows={3} {...confirmLimit.box} placeholder="已核对，同意" data-testid="confirm-comment" />
          </Form.Item>
        ) : null}
        {dialog === 'object' ? (
          <Form.Item name="comment" label="异议理由" rules={[{ required: true, whitespace: true, message: '请说明异议理由，报送单位将据此补正' }, confirmLimit.rule]}>
            <Input.TextArea rows={3} {...confirmLimit.box} data-testid="object-comment" />
          </Form.Item>
        ) : null}
        {dialog === 'return' ? (
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因，单位将据此补正' }, returnLimit.rule]}>
            <Input.TextArea rows={3} {...returnLimit.box} placeholder="例如：缺少盖章扫描件" data-testid="return-reason" />
          </Form.Item>
        ) : null}
        {dialog === 'return' && allowed.includes('moveDeadlines') ? (
          <Form.Item name="newDue" label="补正期限（可选）" rules={[notBeforeToday]} extra={dueNote.filter(Boolean).join('。')}>
            <DatePicker style={{ width: '100%' }} format={['YYYY-MM-DD ddd', 'YYYY-MM-DD']} data-testid="return-new-due" />
          </Form.Item>
        ) : null}
        {dialog === 'transfer' || dialog === 'addApprover' ? (
          <>
            {dialog === 'transfer' && openPlaces.length > 1 && has('office') ? (
              // The office hands over any place of a step with several (an expert away): which one.
              <Form.Item name="from" label="转交哪个审批位" initialValue={openPlaces[0]} rules={[{ required: true, message: '请选择审批位' }]}>
                <Select options={openPlaces.map((p) => ({ value: p, label: principalLabel(p, names) }))} data-testid="transfer-from" />
              </Form.Item>
            ) : dialog === 'transfer' && openPlaces.length === 1 && has('office') ? (
              // The one place the step still waits on (the office's own signed, a co-signer's open): named.
              <Form.Item label="转交审批位">
                <span data-testid="transfer-place">{principalLabel(openPlaces[0], names)}</span>
              </Form.Item>
            ) : null}
            <Form.Item
              name="userId"
              label={dialog === 'transfer' ? '转交给' : '加签人'}
              extra={nobodyHelp ? <span data-testid="no-candidates">{nobodyHelp}</span> : undefined}
              rules={[{ required: true, message: dialog === 'transfer' ? '请选择转交给谁' : '请选择加签人' }]}
            >
              {/* Whom the server's policy accepts on this step (candidates): found by name, unit or account id, shown by name
                  once chosen (an AutoComplete showed the account id — sx-yjj-fzr — after a name was picked). */}
              <Select
                showSearch
                allowClear
                popupMatchSelectWidth
                options={candidates.map((u) => ({ value: u.id, label: candidateLabel(u) }))}
                filterOption={(input, o) => !!o && `${o.value} ${String(o.label)}`.toLowerCase().includes(input.toLowerCase())}
                placeholder={pickerHint}
                // nobody to choose at all: the list itself says where people are added (the field's note sits under it)
                notFoundContent={candidateList.loading ? '正在载入…' : (nobodyHelp ?? '无匹配人员')}
                data-testid="person-picker"
              />
            </Form.Item>
            {dialog === 'addApprover' ? (
              // 并加签 / 前加签 / 后加签 as in DingTalk, each saying what happens to this step
              <Form.Item name="mode" label="加签方式" initialValue="co-sign">
                <Radio.Group data-testid="add-approver-mode">
                  <Space direction="vertical" size={4}>
                    {ADD_APPROVER_CHOICES.map((c) => (
                      <Radio key={c.mode} value={c.mode} data-testid={`add-approver-mode-${c.mode}`}>
                        {c.label}
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.explain}</Typography.Text>
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              </Form.Item>
            ) : null}
            <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, handOverLimit.rule]}>
              <Input.TextArea rows={2} {...handOverLimit.box} data-testid="hand-over-reason" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
