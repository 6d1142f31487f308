import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { InboxItemDto } from './dto';
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
  @ApiOkResponse({ type: InboxItemDto, isArray: true })
  @ApiErrors(400, 401)
  inbox(@CurrentUser() actor: Actor) {
    return this.campaigns.inbox(actor);
  }
}
