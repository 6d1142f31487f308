import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency.service';
import { ReadSnapshotCache } from '../common/read-snapshot-cache';
import { FilesModule } from '../files/files.module';
import { TemplatesModule } from '../templates/templates.module';
import { UsersModule } from '../users/users.module';
import { AssessmentController } from './assessment.controller';
import { AssessmentService } from './assessment.service';
import { AuditController } from './audit.controller';
import { CampaignAuditService } from './campaign-audit.service';
import { CampaignReadCache } from './campaign-read-cache';
import { CampaignWorkflowClient } from './campaign-workflow.client';
import { CalendarController } from './calendar.controller';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { FastReads } from './fast-reads';
import { InboxController } from './inbox.controller';

@Module({
  imports: [TemplatesModule, FilesModule, UsersModule],
  controllers: [CampaignsController, InboxController, AssessmentController, AuditController, CalendarController],
  providers: [CampaignsService, CampaignReadCache, ReadSnapshotCache, CampaignWorkflowClient, IdempotencyService, AssessmentService, CampaignAuditService, FastReads],
})
export class CampaignsModule {}
