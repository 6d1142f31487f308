import { CheckOutlined, RollbackOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Space } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { ApproveWording } from '@eco/domain';
import { errorText, newIdempotencyKey, request } from '../api/client';
import type { ActionResult, AddApproverBody, CampaignDetail, TaskAction, TaskDetailView } from '../api/types';
import { addApproverDone } from '../labels';
import type { Loaded } from '../hooks';
import { unitNameOf } from '../principal-names';
import type { TaskCardProps } from './task-card';
import { conflictRefusal, isConflict, stillOffered, type Refusal } from './task-conflict';
import type { UploadEntry } from './TaskUploads';

/** The actions of the 办理 card (调整期限 sits by the due date, 催办 by who it waits for; an external stage's result has its own card). */
export type ActionKind = Exclude<TaskAction, 'moveDeadlines' | 'recordExternalResult' | 'urge'>;
/** Dialogs: the actions, and 提出异议 (a joint unit objects: confirm with agree false and a reason). */
export type DialogKind = ActionKind | 'object';

/** The 办理 card's actions among what the API says the caller may do now. */
export function actionKinds(allowed: TaskAction[]): ActionKind[] {
  return allowed.filter((a): a is ActionKind => a !== 'moveDeadlines' && a !== 'recordExternalResult' && a !== 'urge');
}

/**
 * The task page's actions: which one is under way (`busy`), the open dialog and its form (`dform`), the 报送 form
 * (`form`), the server's last refusal, and `act`, which sends one and then reads the task again.
 */
export function useTaskActions(opts: {
  id: string;
  taskId: string;
  task: Loaded<TaskDetailView>;
  campaign: Loaded<CampaignDetail>;
  approving: ApproveWording;
  setFiles: (files: UploadEntry[]) => void;
  /** Reads the 报送 draft again (useTaskUploads): after a refused 报送 the form lists what the server holds. */
  reloadDraft?: () => Promise<void>;
}) {
  const { id, taskId, task, campaign, approving, setFiles, reloadDraft } = opts;
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ActionKind | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [form] = Form.useForm();
  const [dform] = Form.useForm();
  // a dialog opens without the refusal of an earlier action (one refused while it is open is shown in it)
  useEffect(() => {
    if (dialog) setRefusal(null);
  }, [dialog]);

  /** Sends one action (with its own Idempotency-Key) and says what it did; a refusal is shown in the dialog. */
  async function act(kind: ActionKind, body: Record<string, unknown>) {
    setBusy(kind);
    setRefusal(null);
    try {
      const r = await request<ActionResult>(kind, { params: { id, taskId }, body, idempotencyKey: newIdempotencyKey() });
      // An approval that leaves the task in review (会签: others still to sign; or the next step) says so.
      const changes = body.withChanges === true; // 修改后通过
      const approved =
        kind === 'approve' && r?.task && r.task.status === 'submitted'
          ? changes ? approving.doneInReviewWithChanges : approving.doneInReview
          : changes ? approving.doneWithChanges : approving.done;
      const confirmed = body.agree === false ? '已提出异议，任务退回报送单位' : '已确认';
      message.success({ submit: '已报送', approve: approved, return: '已退回', transfer: '已转交', addApprover: addApproverDone(body.mode as AddApproverBody['mode']), confirmJoint: confirmed }[kind]);
      setDialog(null);
      dform.resetFields();
      if (kind === 'submit') form.resetFields();
      if (kind === 'submit') setFiles([]);
      task.reload();
    } catch (e) {
      // a file removed on another device meanwhile (the refusal names it): the form no longer lists it
      if (kind === 'submit') await reloadDraft?.();
      if (isConflict(e)) await afterConflict(errorText(e));
      else setRefusal({ title: '操作未成功', text: errorText(e) });
    } finally {
      setBusy(null);
    }
  }

  /**
   * Every action of the page refused with 409 (the task changed in another tab or by someone else): the task and the
   * campaign are read again and the page says so; a dialog whose action is still offered stays open with what was
   * typed (the 报送 form and its files stay while 报送 is offered).
   */
  async function afterConflict(serverText: string) {
    const before = task.data;
    const [fresh, freshCampaign] = await Promise.all([
      request<TaskDetailView>('task', { params: { id, taskId } }).catch(() => undefined),
      request<CampaignDetail>('campaign', { params: { id } }).catch(() => undefined),
    ]);
    const paused = { before: !!campaign.data?.paused, after: !!(freshCampaign ?? campaign.data)?.paused };
    const r = before ? conflictRefusal(serverText, before, fresh, paused) : { title: '操作未成功', text: serverText };
    setRefusal(r);
    if (!r.stale) return;
    task.reload();
    campaign.reload();
    if (dialog && !stillOffered(dialog, fresh?.actions)) {
      setDialog(null);
      dform.resetFields();
    }
  }

  return { busy, refusal, setRefusal, dialog, setDialog, form, dform, act };
}

export type TaskActions = ReturnType<typeof useTaskActions>;

/**
 * 办理: 报送 (the form the page passes), or a joint unit's 确认 / 提出异议 of what another sent, or the approver's
 * 审批通过 / 退回 / 转交 / 加签 — each of those opens its dialog.
 */
export function TaskActionsCard(props: TaskCardProps & { actions: ActionKind[]; ctl: TaskActions; approving: ApproveWording; submitForm: ReactNode }) {
  const { t, actions, ctl, approving, names, paused, submitForm } = props;
  return (
    <Card title="办理" size="small" style={{ marginTop: 12, borderColor: '#1f6f4a' }} data-testid="actions">
      {actions.includes('submit') ? (
        submitForm
      ) : actions.includes('confirmJoint') ? (
        <div data-testid="joint-confirm">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`本任务由${(t.jointUnitIds ?? []).map((u) => unitNameOf(names, u)).join('、')}共同负责`}
            description={`${t.rounds[t.rounds.length - 1]?.submission.byName ?? '其他单位'}已报送，请核对报送内容后确认；有异议请说明理由，任务将退回报送单位。`}
          />
          <Space wrap>
            <ActionButton ctl={ctl} paused={paused} dialog="confirmJoint" primary showsBusy icon={<CheckOutlined />} testId="confirm-joint">
              确认报送内容
            </ActionButton>
            <ActionButton ctl={ctl} paused={paused} dialog="object" danger icon={<RollbackOutlined />} testId="object-joint">
              提出异议
            </ActionButton>
          </Space>
        </div>
      ) : (
        <Space wrap>
          {actions.includes('approve') ? (
            <ActionButton ctl={ctl} paused={paused} dialog="approve" primary showsBusy icon={<CheckOutlined />} testId="approve">
              {approving.button}
            </ActionButton>
          ) : null}
          {actions.includes('return') ? (
            <ActionButton ctl={ctl} paused={paused} dialog="return" danger showsBusy icon={<RollbackOutlined />} testId="return">
              退回
            </ActionButton>
          ) : null}
          {actions.includes('transfer') ? (
            <ActionButton ctl={ctl} paused={paused} dialog="transfer" icon={<SwapOutlined />} testId="transfer">
              转交
            </ActionButton>
          ) : null}
          {actions.includes('addApprover') ? (
            <ActionButton ctl={ctl} paused={paused} dialog="addApprover" icon={<UserAddOutlined />} testId="add-approver">
              加签
            </ActionButton>
          ) : null}
        </Space>
      )}
    </Card>
  );
}

/**
 * A button of the 办理 card: opens its dialog; disabled while the campaign is paused. `showsBusy`: it spins while its
 * action is under way (审批通过, 退回, 确认; 转交, 加签 and 提出异议 do not).
 */
function ActionButton(props: {
  ctl: TaskActions;
  paused: boolean;
  dialog: DialogKind;
  primary?: boolean;
  danger?: boolean;
  showsBusy?: boolean;
  icon: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  const { ctl, paused, dialog, primary, danger, showsBusy, icon, testId, children } = props;
  return (
    <Button
      type={primary ? 'primary' : undefined}
      danger={danger}
      icon={icon}
      loading={showsBusy ? ctl.busy === dialog : undefined}
      disabled={paused}
      onClick={() => ctl.setDialog(dialog)}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
