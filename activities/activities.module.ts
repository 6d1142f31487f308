import { Module } from '@nestjs/common';
import { CampaignActivitiesService } from './campaign.activities';

@Module({ providers: [CampaignActivitiesService], exports: [CampaignActivitiesService] })
export class ActivitiesModule {}
