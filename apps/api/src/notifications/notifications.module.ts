import { Module } from '@nestjs/common';
import { MyNotificationsController, NotificationsAdminController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({ controllers: [MyNotificationsController, NotificationsAdminController], providers: [NotificationsService] })
export class NotificationsModule {}
