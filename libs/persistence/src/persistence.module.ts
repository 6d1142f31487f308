import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { dataSourceOptions, ENTITIES } from './data-source';
import { AuditAnchorRepository } from './repositories/audit-anchor.repository';
import { AuditRepository } from './repositories/audit.repository';
import { CampaignRepository } from './repositories/campaign.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { NotificationDeliveryRepository } from './repositories/notification-delivery.repository';
import { NotificationRepository } from './repositories/notification.repository';
import { AccountEventRepository } from './repositories/account-event.repository';
import { OpsMetricsRepository } from './repositories/ops-metrics.repository';
import { OrganizationRepository } from './repositories/organization.repository';
import { TemplateRepository } from './repositories/template.repository';
import { UploadedFileRepository } from './repositories/uploaded-file.repository';
import { UserRepository } from './repositories/user.repository';
import { DirectorySyncRepository } from './repositories/directory-sync.repository';
import { DatabaseProbeRepository } from './repositories/database-probe.repository';

const REPOSITORIES = [CampaignRepository, AuditRepository, NotificationRepository, NotificationDeliveryRepository, IdempotencyRepository, UserRepository, TemplateRepository,
  OrganizationRepository, AccountEventRepository, OpsMetricsRepository, UploadedFileRepository,
  DirectorySyncRepository, AuditAnchorRepository, DatabaseProbeRepository];

/** TypeORM connection (from APP_CONFIG.DATABASE_URL) and the repositories that own the SQL. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE), retryAttempts: 3, retryDelay: 1000 }),
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: REPOSITORIES,
      exports: [TypeOrmModule, ...REPOSITORIES],
    };
  }
}
