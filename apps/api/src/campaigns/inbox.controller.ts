import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentUser } from '../auth/current-user.decorator';
import { CampaignsService } from './campaigns.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class InboxController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get('inbox')
  @ApiOperation({ summary: '待办 — open tasks and approval steps waiting for the caller, across campaigns' })
  inbox(@CurrentUser() actor: Actor) {
    return this.campaigns.inbox(actor);
  }
}
