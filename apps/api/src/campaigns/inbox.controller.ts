import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/api-docs';
import { sendCached } from '../common/read-snapshot-cache';
import { InboxPageDto, InboxQueryDto } from './dto';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { CampaignsService } from './campaigns.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class InboxController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get('inbox')
  @ApiOperation({ summary: '待办 — open tasks and approval steps waiting for the caller, across campaigns: filtered by need (报送/补正/确认/会签/审批), campaign and overdue, paged ({ total, limit, offset, counts, items }), due date first' })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiErrors(400, 401)
  async inbox(@CurrentUser() actor: Actor, @Query() q: InboxQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    // JSON text of an InboxPageDto, built once per database snapshot, reader and query
    return sendCached(res, await this.campaigns.inboxCached(actor, q));
  }
}
