import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-docs';
import { ErrorDto } from '../common/error.dto';
import { AccountEventDto, OrganizationUnitDto, OrganizationUnitsDto } from './dto/organization.dto';
import { CreateUserDto, ResetPasswordDto, UnitDutiesDto } from './dto/create-user.dto';
import { UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { AwaitedTasksDto } from './dto/awaited.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'no or invalid bearer token' })
@ApiErrors(400, { 403: '无权限 — your role does not allow this, or your account belongs to no organization' })
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('users')
  @HttpCode(201)
  @Roles('admin', 'office')
  @ApiOperation({ summary: 'Create an account: admin any role (organizationId required), office unit users of its organization / 新建用户' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'invalid body, password policy, unknown organization or unit: the message lists every problem' })
  @ApiConflictResponse({ type: ErrorDto, description: 'username taken' })
  @ApiErrors(413)
  create(@CurrentUser() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Get('users')
  @Roles('admin', 'office', 'leader')
  @ApiOperation({ summary: 'List accounts, filtered (unit, role, name/username, active) and paged by the server ({ total, limit, offset, items }): admin all, office/leaders their organization / 用户列表' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentUser() actor: Actor, @Query() q: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, q);
  }

  @Post('users/:id/deactivate')
  @HttpCode(200)
  @Roles('admin', 'office')
  @ApiOperation({ summary: 'Deactivate an account: it cannot sign in and its tokens stop working at once / 停用账号' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such account within your reach' })
  deactivate(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<UserDto> {
    return this.users.setActive(actor, id, false);
  }

  @Get('users/:id/awaited')
  @Roles('admin', 'office')
  @ApiOperation({ summary: "Live tasks of running campaigns waiting for this account's own signature (user:<id>), by due date: the first 50 and the total — what to hand over (转交) when it is stopped / 等待其签批的事项" })
  @ApiOkResponse({ type: AwaitedTasksDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such account within your reach' })
  awaited(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<AwaitedTasksDto> {
    return this.users.awaited(actor, id);
  }

  @Post('users/:id/activate')
  @HttpCode(200)
  @Roles('admin', 'office')
  @ApiOperation({ summary: 'Reactivate an account / 启用账号' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such account within your reach' })
  activate(@CurrentUser() actor: Actor, @Param('id') id: string): Promise<UserDto> {
    return this.users.setActive(actor, id, true);
  }

  @Post('users/:id/password')
  @HttpCode(204)
  @Roles('admin', 'office')
  @ApiOperation({ summary: "Reset a unit user's password (policy applies; the user's tokens stop working) / 重置密码" })
  @ApiNoContentResponse({ description: 'reset' })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'password policy' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such account within your reach' })
  @ApiErrors(413)
  async resetPassword(@CurrentUser() actor: Actor, @Param('id') id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.users.resetPassword(actor, id, dto.password);
  }

  @Get('organization/units')
  @Roles('admin', 'office', 'leader')
  @ApiOperation({ summary: "Your organization's units with members, liaisons (联络员) and responsible leaders (分管负责人) / 单位与联络员" })
  @ApiOkResponse({ type: OrganizationUnitsDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'your organization does not exist (any more)' })
  units(@CurrentUser() actor: Actor) {
    return this.users.units(actor);
  }

  @Put('organization/units/:unitId/duties')
  @Roles('admin', 'office')
  @ApiOperation({ summary: "Designate a unit's liaisons and/or responsible leader(s): active users of that unit / 设置联络员、分管负责人" })
  @ApiBadRequestResponse({ type: ErrorDto, description: 'unknown, deactivated or other-unit users (every problem listed)' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'no such unit in your organization' })
  @ApiOkResponse({ type: OrganizationUnitDto })
  @ApiErrors(413)
  setDuties(@CurrentUser() actor: Actor, @Param('unitId') unitId: string, @Body() dto: UnitDutiesDto) {
    return this.users.setDuties(actor, unitId, dto);
  }

  @Get('organization/account-events')
  @Roles('admin', 'office')
  @ApiOperation({ summary: 'Account events of your organization: sign-ins refused, lockouts, password changes, accounts created/deactivated, designations / 账号审计' })
  @ApiOkResponse({ type: AccountEventDto, isArray: true })
  accountEvents(@CurrentUser() actor: Actor) {
    return this.users.accountEvents(actor);
  }
}
