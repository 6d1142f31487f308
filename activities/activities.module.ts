import { Module } from '@nestjs/common';
import { CampaignActivitiesService } from './campaign.activities';
import { NotificationDeliveryService } from './notification-delivery.service';
import { DirectorySource } from './notification-directory';
import { NotificationRouter } from './notification-router.service';
import { UsersDirectorySource } from './users-directory.source';

@Module({
  providers: [CampaignActivitiesService, NotificationRouter, NotificationDeliveryService, { provide: DirectorySource, useClass: UsersDirectorySource }],
  exports: [CampaignActivitiesService, NotificationRouter, NotificationDeliveryService],
})
export class ActivitiesModule {}
