import { Module } from '@nestjs/common';
import { CampaignActivitiesService } from './campaign.activities';
import { NotificationDeliveryService } from './notification-delivery.service';
import { DirectorySource } from './notification-directory';
import { NotificationRouter } from './notification-router.service';
import { OrganizationDirectorySource } from './organization-directory.source';

@Module({
  providers: [CampaignActivitiesService, NotificationRouter, NotificationDeliveryService, { provide: DirectorySource, useClass: OrganizationDirectorySource }],
  exports: [CampaignActivitiesService, NotificationRouter, NotificationDeliveryService],
})
export class ActivitiesModule {}
