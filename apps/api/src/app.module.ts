import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@eco/config';
import { PersistenceModule } from '@eco/persistence';
import { AuditTrailModule } from './audit/audit-trail.module';
import { AuthModule } from './auth/auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { HealthModule } from './health/health.module';
import { ObservabilityModule } from './observability/observability.module';
import { NotificationsModule } from './notifications/notifications.module';
import { TemplatesModule } from './templates/templates.module';
import { TemporalModule } from './temporal/temporal.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), ObservabilityModule.forRoot(config), PersistenceModule.forRoot(), TemporalModule, AuditTrailModule, AuthModule, HealthModule, UsersModule, TemplatesModule, CampaignsModule, NotificationsModule],
    };
  }
}
