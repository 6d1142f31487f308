import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { DeliveryDto, DeliveryPageDto, MarkedDto, MarkReadDto, NotificationPageDto, NotificationProblemDto, NotificationQueryDto, PageDto, PreferencesDto, PreferencesOutDto, RobotDto, RobotOutDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('me')
export class MyNotificationsController {
  constructor(private readonly svc: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: '我的提醒 — in-app notifications, unread first; filter by campaign/level/unread; paginated' })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() actor: Actor, @Query() q: NotificationQueryDto) {
    return this.svc.mine(actor, q);
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记已读 — mark the given notifications (or all) read' })
  @ApiOkResponse({ type: MarkedDto })
  @ApiErrors(413)
  read(@CurrentUser() actor: Actor, @Body() b: MarkReadDto) {
    return this.svc.markRead(actor, b);
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: '提醒方式 — the channels you receive reminders on' })
  @ApiOkResponse({ type: PreferencesOutDto })
  prefs(@CurrentUser() actor: Actor) {
    return this.svc.preferences(actor);
  }

  @Put('notification-preferences')
  @ApiOperation({ summary: '设置提醒方式 — choose channels (inapp, email, sms, robot) and contact details' })
  @ApiOkResponse({ type: PreferencesOutDto })
  @ApiErrors(413)
  setPrefs(@CurrentUser() actor: Actor, @Body() b: PreferencesDto) {
    return this.svc.setPreferences(actor, b);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller()
export class NotificationsAdminController {
  constructor(private readonly svc: NotificationsService) {}

  @Get('notifications/dead-letters')
  @Roles('office', 'admin')
  @ApiOperation({ summary: '投递失败（死信）— messages that failed every retry, newest first; the office sees those of its own organization’s campaigns, an administrator all' })
  @ApiOkResponse({ type: DeliveryPageDto })
  dead(@CurrentUser() actor: Actor, @Query() q: PageDto) {
    return this.svc.deadLetters(actor, q.limit ?? 50, q.offset ?? 0);
  }

  @Post('notifications/dead-letters/:id/retry')
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({ summary: '重新投递 — send a dead letter again (fresh retry budget)' })
  @ApiOkResponse({ type: DeliveryDto })
  @ApiErrors({ 400: '不是死信 — the delivery is not dead (or the id is not a delivery id)', 404: '投递记录不存在 — no such delivery (or one of another organization’s campaigns)' })
  retry(@CurrentUser() actor: Actor, @Param('id') id: string) {
    return this.svc.retry(actor, id);
  }

  @Get('notifications/robots')
  @Roles('office', 'admin')
  @ApiOperation({ summary: '群机器人 — DingTalk/WeCom robots per unit or organization: the office its own organization\'s (and its units\'), an administrator every one' })
  @ApiOkResponse({ type: RobotOutDto, isArray: true })
  robots(@CurrentUser() actor: Actor) {
    return this.svc.robots(actor);
  }

  @Put('notifications/robots')
  @Roles('office', 'admin')
  @ApiOperation({ summary: '设置群机器人 — add or replace the robot of the organization or of one of its units (the office: its own organization)' })
  @ApiOkResponse({ type: RobotOutDto })
  @ApiErrors({ 400: '本组织没有该单位，或组织不存在 — the unit is not one of the organization\'s, or no such organization', 403: '只能设置本组织及本组织单位的工作群机器人 — another organization\'s robot (the access policy)' }, 413)
  putRobot(@CurrentUser() actor: Actor, @Body() b: RobotDto) {
    return this.svc.putRobot(actor, b);
  }

  @Delete('notifications/robots/:id')
  @HttpCode(204)
  @Roles('office', 'admin')
  @ApiOperation({ summary: '删除群机器人' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors({ 404: '机器人不存在 — no such robot (or another organization\'s)' })
  async deleteRobot(@CurrentUser() actor: Actor, @Param('id') id: string) {
    await this.svc.deleteRobot(actor, id);
  }

  @Get('campaigns/:id/tasks/:taskId/supervision-notice.xlsx')
  @ApiOperation({ summary: '督办通知单 — printable supervision notice (xlsx, A4) for an escalated task; 409 when not escalated' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'the .xlsx file', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors({ 403: '仅领导小组办公室、领导、管理员或核查方可出具 — the access policy: office, leaders, admin, inspectors', 404: '活动或任务不存在 — campaign or task not found', 409: '此任务尚未督办 — the task was never escalated' })
  async notice(@CurrentUser() actor: Actor, @Param('id') id: string, @Param('taskId') taskId: string, @Res({ passthrough: true }) res: Response) {
    const f = await this.svc.supervisionNotice(actor, id, taskId);
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="supervision-notice.xlsx"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
    });
    return new StreamableFile(f.body);
  }

  @Get('campaigns/:id/notification-problems')
  @ApiOperation({ summary: '无人接收的提醒 — reminders whose recipients resolved to nobody (set a liaison / responsible leader)' })
  @ApiOkResponse({ type: NotificationProblemDto, isArray: true })
  @ApiErrors({ 403: '仅领导小组办公室、领导或管理员可查看 — the access policy: office, leaders, admin' }, 404)
  problems(@CurrentUser() actor: Actor, @Param('id') id: string) {
    return this.svc.problems(actor, id);
  }
}
