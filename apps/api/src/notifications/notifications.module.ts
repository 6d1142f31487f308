import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { MyNotificationsController, NotificationsAdminController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({ imports: [TemplatesModule], controllers: [MyNotificationsController, NotificationsAdminController], providers: [NotificationsService] })
export class NotificationsModule {}
