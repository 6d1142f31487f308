import { WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText, request } from '../api/client';
import type { DeadLetter, OrganizationUnits, Page, RobotInfo } from '../api/types';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { Loadable } from './States';

export const CHANNEL_LABEL: Record<DeadLetter['channel'], string> = { email: '电子邮件', sms: '短信', dingtalk: '钉钉群', wecom: '企业微信群' };
const SHOWN = 20;
/** A message sent through a group robot (its address is the robot's id). */
const byRobot = (x: DeadLetter) => x.channel === 'dingtalk' || x.channel === 'wecom';

/**
 * 投递失败的消息 of the office's organization: e-mails, SMS and group-robot messages that failed every retry (a wrong
 * robot webhook, a mail server that refuses an address). Each says to whom, through what and why; 重新投递 sends it again
 * with a fresh set of retries once the cause is mended (e.g. the robot set again in 用户与单位 → 工作群机器人). Nothing is
 * drawn while there is none. The reminders themselves are in the platform whatever happens here.
 */
export function DeadLetters() {
  const dead = useLoad((signal) => request<Page<DeadLetter>>('deadLetters', { query: { limit: SHOWN }, signal }), []);
  // a robot's message names its group (县统计局的钉钉群), found among the county's robots by its id; a robot deleted since: 工作群机器人
  // (units by the county's own directory, as the robots tab names them: one read, not every template's)
  const groups = useLoad(async (signal) => {
    if (!dead.data?.items.some(byRobot)) return new Map<string, string>();
    const [robots, org] = await Promise.all([request<RobotInfo[]>('robots', { signal }), request<OrganizationUnits>('organizationUnits', { signal }).catch(() => null)]);
    const units = new Map((org?.units ?? []).map((u) => [u.unitId, u.name]));
    return new Map(robots.map((r) => [r.id, r.scope === 'organization' ? '本组织' : (units.get(r.scopeId) ?? r.scopeId)]));
  }, [dead.data]);
  const whom = (x: DeadLetter) => {
    if (!byRobot(x)) return x.recipientName ?? x.address;
    const group = groups.data?.get(x.address);
    return group ? `${group}的工作群机器人` : '工作群机器人';
  };
  const { message } = App.useApp();
  const [retrying, setRetrying] = useState<string | null>(null);
  if (!dead.error && (!dead.data || dead.data.total === 0)) return null; // still asking, or nothing failed

  async function retry(d: DeadLetter) {
    setRetrying(d.id);
    try {
      await request('retryDeadLetter', { params: { id: d.id } });
      message.success('已重新投递');
      dead.reload();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setRetrying(null);
    }
  }

  return (
    <Card size="small" title={<><WarningOutlined style={{ color: '#cf1322' }} /> 投递失败的消息</>} style={{ marginBottom: 12 }} data-testid="dead-letters">
      <Loadable {...dead}>
        {(d) => (
          <>
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              message={`${d.total} 条消息多次重试后仍未送达（提醒本身仍在本平台中）。`}
              description={<>请核对原因：工作群机器人地址有误时，在<Link to="/users?tab=robots">「用户与单位 → 工作群机器人」</Link>中重新设置；邮箱有误时请本人在「提醒设置」中更正。处理后可重新投递。</>}
            />
            <List
              size="small"
              dataSource={d.items}
              renderItem={(x) => (
                <List.Item data-testid="dead-letter" data-channel={x.channel} actions={[<Button key="retry" size="small" loading={retrying === x.id} onClick={() => void retry(x)} data-testid="dead-letter-retry">重新投递</Button>]}>
                  <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                    <Typography.Text style={{ wordBreak: 'break-word' }}>
                      <Tag>{CHANNEL_LABEL[x.channel] ?? x.channel}</Tag>
                      {whom(x)}
                      {x.subject ? `：${x.subject}` : ''}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                      {fmtDateTime(x.updatedAt)} · 已尝试 {x.attempts} 次{x.lastError ? ` · 原因：${x.lastError.slice(0, 200)}` : ''}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
            {d.total > d.items.length ? <Typography.Text type="secondary">仅显示最近 {d.items.length} 条，共 {d.total} 条</Typography.Text> : null}
          </>
        )}
      </Loadable>
    </Card>
  );
}
