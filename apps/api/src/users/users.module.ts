import { Module } from '@nestjs/common';
import { CampaignWorkflowClient } from '../campaigns/campaign-workflow.client';
import { CampaignDirectoryService } from './campaign-directory.service';
import { DirectorySyncService } from './directory-sync.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, CampaignDirectoryService, DirectorySyncService, CampaignWorkflowClient],
  exports: [UsersService, CampaignDirectoryService, DirectorySyncService],
})
export class UsersModule {}
