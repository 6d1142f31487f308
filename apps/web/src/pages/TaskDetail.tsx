import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DOSSIER_READERS, approveWording, inboxNeed } from '@eco/domain';
import { chineseReason, request } from '../api/client';
import type { CampaignDetail, IndicatorInfo, TaskAction, TaskDetailView, TemplateDetail } from '../api/types';
import { USER_LISTERS, useAuth } from '../auth';
import { uploadClosedReason } from '../components/upload-rules';
import { ExternalResultCard } from '../components/ExternalResult';
import { RectificationOriginCard } from '../components/RectificationOrigin';
import { ApplicationReadiness } from '../components/ApplicationReadiness';
import { useTaskUploads } from '../components/TaskUploads';
import { Loadable } from '../components/States';
import { SubmitForm, useSubmitDraft } from '../components/SubmitForm';
import { TaskActionDialog } from '../components/TaskActionDialog';
import { actionKinds, TaskActionsCard, useTaskActions } from '../components/TaskActions';
import { ContributionsCard } from '../components/TaskContributions';
import { EvidenceCard, useTaskFiles } from '../components/TaskEvidence';
import { unsentCount } from '../components/evidence-empty';
import { IndicatorCard, TaskSummaryCard } from '../components/TaskSummary';
import { ApprovalChainCard, RoundsCard } from '../components/TaskTimeline';
import type { TaskCardProps } from '../components/task-card';
import { taskPageNames } from '../components/task-names';
import { taskReading } from '../components/task-reading';
import { templateDetail, uploadPolicy as loadUploadPolicy, userMap } from '../directory';
import { fmtDateTime } from '../format';
import { useEndpoint, useIsPhone, useLoad, useRefreshWhenSeen } from '../hooks';
import { campaignEndedText } from '../labels';

/** One task's page; a new task id (following a link from one task to another) starts it afresh (uploads, dialogs). */
export function TaskDetailPage() {
  const { taskId = '' } = useParams();
  return <TaskDetailBody key={taskId} />;
}

function TaskDetailBody() {
  const { id = '', taskId = '' } = useParams();
  const phone = useIsPhone();
  const { has } = useAuth();
  const mayListUsers = has(...USER_LISTERS);
  const task = useLoad((signal) => request<TaskDetailView>('task', { params: { id, taskId }, signal }), [id, taskId]);
  const campaign = useLoad((signal) => request<CampaignDetail>('campaign', { params: { id }, signal }), [id]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [indicator, setIndicator] = useState<IndicatorInfo | null>(null);
  const [template, setTemplate] = useState<TemplateDetail | null>(null);
  const canUpload = useEndpoint('uploadFile');
  // What the server accepts (types, size, count): the picker offers those types, and files it would refuse by size or
  // number are not sent (a liaison on a phone is spared a long upload that ends refused); the server still decides.
  // Configuration: asked once per page load, not per task opened.
  const uploadPolicy = useLoad(() => loadUploadPolicy(), []).data;
  const canDownload = useEndpoint('downloadFile');
  const uploads = useTaskUploads(id, taskId, uploadPolicy);
  const { setFiles } = uploads;

  // The active step (the last round's) and what approving it reads here (确认整改 on the inspector's step, 会签同意,
  // 审批通过): the domain's words for the step; 会签 (every signer of the step signs) by the inbox's own rule, so the
  // page says what the list said.
  const activeStep = task.data?.rounds[task.data.rounds.length - 1]?.steps.find((s) => s.status === 'active');
  const countersign = !!task.data && inboxNeed({ status: task.data.engineStatus, step: activeStep, external: task.data.external }) === 'countersign';
  const approving = approveWording(activeStep, countersign);
  const ctl = useTaskActions({ id, taskId, task, campaign, approving, setFiles, reloadDraft: uploads.reloadDraft });
  const { refusal, setRefusal } = ctl;

  useEffect(() => {
    // Accounts, for the roles that may list them (others get 403): names beyond the task's own, choices for 转交/加签.
    if (!mayListUsers) return;
    void userMap().then((m) => {
      setNames(new Map([...m].map(([k, v]) => [k, v.name])));
    });
  }, [mayListUsers]);
  useEffect(() => {
    const t = task.data;
    const c = campaign.data;
    if (!(t?.indicatorCode || t?.external) || !c) return;
    void templateDetail(c.templateId)
      .then((d) => {
        setTemplate(d);
        setIndicator(d.indicators.find((i) => i.code === t.indicatorCode) ?? null);
      })
      .catch(() => setIndicator(null));
  }, [task.data, campaign.data]);
  const draft = useSubmitDraft(id, taskId, task.data, uploads, ctl.form);
  const { openFile, openEvidence } = useTaskFiles(id, taskId);
  // the other side's acts show without a reload (the 报送 form keeps what is typed)
  useRefreshWhenSeen(task.reload);

  // Exactly what the API says the caller may do now (the access policy over the task's state).
  const allowed: TaskAction[] = task.data?.actions ?? [];
  const actions = actionKinds(allowed);
  // people as user:<id>, units as unit:<id>: a unit id equal to a username still reads the unit (责任单位)
  const allNames = useMemo(() => taskPageNames(names, task.data), [names, task.data]);

  return (
    <Loadable {...task} notFound="任务不存在或无权查看">
      {(t) => {
        const c = campaign.data;
        // A paused campaign refuses every submission and decision (活动已暂停): said before, not on the click.
        const paused = !!c?.paused;
        const uploadsClosed = uploadClosedReason(c);
        // A task its campaign ended with still to do (终止, completed, 未通过: the server's endedUndone) is worked on no
        // more: said, and no days left counted.
        const ended = !!t.endedUndone;
        const done = t.status === 'approved' || t.status === 'cancelled' || ended;
        // such a task: the server's 不再办理, no 待前序环节 promise, nobody named to act (its campaign's words)
        const reading = taskReading(t, c?.kind);
        // A liaison goes back to its own to-do list of the campaign, not to the office's campaign-wide overview.
        const back = c && !has('unit') ? `/campaigns/${encodeURIComponent(id)}` : `/inbox${c ? `?campaign=${encodeURIComponent(id)}` : ''}`;
        const pausedText = `活动已暂停${c?.pause?.reason ? `（原因：${c.pause.reason}）` : ''}：暂停期间不能报送或审批`;
        const endedText = t.endedUndone ? `${campaignEndedText(t.endedUndone, c?.kind)}${c?.finished?.reason ? `（原因：${chineseReason(c.finished.reason)}）` : ''}：本任务不再办理` : '';
        // what the task's cards (its head, 办理) all read
        const card: TaskCardProps = { t, names: allNames, paused };
        return (
          <div>
            <Link to={back} style={{ fontSize: 13 }} data-testid="back">
              <ArrowLeftOutlined /> {c ? (has('unit') ? `我的待办 · ${c.name}` : c.name) : '返回'}
            </Link>
            {paused ? <Alert type="warning" showIcon style={{ marginTop: 8 }} message={pausedText} data-testid="paused" /> : null}
            {/* with its reason: said once the campaign is read (or cannot be), not first without it */}
            {ended && (c || campaign.error) ? <Alert type="info" showIcon style={{ marginTop: 8 }} message={endedText} data-testid="campaign-ended" /> : null}
            {t.blockedBy && reading.blocked ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                message={`待前序环节：须先完成「${t.blockedBy.milestoneName}」，才能${t.external ? '登记本环节结果' : '报送'}`}
                description="前序环节完成后，本任务即可办理，并会通知责任人。"
                data-testid="blocked-by"
              />
            ) : null}
            <TaskSummaryCard
              {...card}
              campaignId={id}
              ended={ended}
              reading={reading}
              done={done}
              allowed={allowed}
              template={template}
              campaignKind={c?.kind}
              phone={phone}
              reload={task.reload}
            />

            {/* the application (提报申报材料): the gate and the dossier where it is prepared and signed */}
            {t.kind === 'application' && c && has(...DOSSIER_READERS) ? <ApplicationReadiness campaignId={id} campaignName={c.name} /> : null}

            {t.origin ? (
              <RectificationOriginCard
                campaignId={id}
                origin={t.origin}
                linkToStage={!has('unit')}
                phone={phone}
                onOpen={(f, preview) => void openFile('downloadOriginFile', f.fileId, f.name, preview)}
              />
            ) : null}

            {refusal ? (
              <Alert
                type={refusal.stale ? 'warning' : 'error'}
                showIcon
                closable
                onClose={() => setRefusal(null)}
                message={refusal.title}
                description={refusal.text}
                style={{ marginTop: 12 }}
                data-testid="refusal"
                data-stale={refusal.stale ? 'true' : undefined}
              />
            ) : null}

            {actions.length ? (
              <TaskActionsCard
                {...card}
                actions={actions}
                ctl={ctl}
                approving={approving}
                submitForm={
                  <SubmitForm
                    t={t}
                    form={ctl.form}
                    uploads={uploads}
                    uploadPolicy={uploadPolicy}
                    canUpload={canUpload}
                    uploadsClosed={uploadsClosed}
                    indicator={indicator}
                    phone={phone}
                    paused={paused}
                    busy={ctl.busy === 'submit'}
                    draftComment={draft.comment}
                    submit={(body) => ctl.act('submit', body)}
                    onOpenFile={(f, preview) => void openFile('downloadFile', f.id, f.name, preview)}
                  />
                }
              />
            ) : null}

            {t.external ? (
              <ExternalResultCard
                campaignId={id}
                kind={campaign.data?.kind}
                task={t}
                canRecord={allowed.includes('recordExternalResult')}
                unrecorded={reading.unrecorded}
                paused={paused}
                template={template}
                onRecorded={task.reload}
                onOpen={(e, preview) => void openEvidence(e, preview)}
              />
            ) : null}

            <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
              {t.indicatorCode ? (
                <Col xs={24} lg={12}>
                  <IndicatorCard code={t.indicatorCode} indicator={indicator} jointUnitIds={t.jointUnitIds} />
                </Col>
              ) : null}
              {t.contributions ? (
                <Col xs={24} lg={12}>
                  <ContributionsCard campaignId={id} items={t.contributions} phone={phone} ended={ended} paused={paused} />
                </Col>
              ) : null}
              <Col xs={24} lg={t.indicatorCode ? 12 : 24}>
                <ApprovalChainCard t={t} names={allNames} />
              </Col>
              <Col xs={24} lg={12}>
                <RoundsCard t={t} names={allNames} unsent={reading.unsent} />
              </Col>
              <Col xs={24} lg={12}>
                <EvidenceCard t={t} canDownload={canDownload} onOpen={(e, preview) => void openEvidence(e, preview)} unsent={allowed.includes('submit') ? unsentCount(uploads.files) : 0} />
              </Col>
              {t.urges?.length ? (
                <Col xs={24}>
                  <Card title="催办记录" size="small" data-testid="urge-log">
                    {[...t.urges].reverse().map((u, i) => (
                      <div key={i} style={{ fontSize: 13 }}>{fmtDateTime(u.at)} {u.byName} 催办{u.comment ? `：${u.comment}` : ''}</div>
                    ))}
                  </Card>
                </Col>
              ) : null}
              {t.deadlineChanges.length ? (
                <Col xs={24}>
                  <Card title="期限调整" size="small">
                    {t.deadlineChanges.map((d, i) => (
                      <div key={i} style={{ fontSize: 13 }}>{fmtDateTime(d.from)} → {fmtDateTime(d.to)}：{chineseReason(d.reason)}（{fmtDateTime(d.at)}）</div>
                    ))}
                  </Card>
                </Col>
              ) : null}
            </Row>

            <TaskActionDialog id={id} taskId={taskId} t={t} ctl={ctl} allowed={allowed} activeStep={activeStep} approving={approving} names={allNames} />
          </div>
        );
      }}
    </Loadable>
  );
}
