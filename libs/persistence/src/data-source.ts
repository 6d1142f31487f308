/** TypeORM data source: explicit entities and migrations, never `synchronize`. */
import { DataSource, DataSourceOptions } from 'typeorm';
import { grantAppRole } from './db-roles';
import { AuditRecordEntity } from './entities/audit-record.entity';
import { CampaignTaskEntity } from './entities/campaign-task.entity';
import { CampaignEntity } from './entities/campaign.entity';
import { CustomTemplateEntity } from './entities/custom-template.entity';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { NotificationEntity } from './entities/notification.entity';
import { AccountEventEntity, LoginFailureEntity, OrganizationEntity, OrganizationUnitEntity, UnitDutyEntity } from './entities/organization.entity';
import { UploadedFileEntity } from './entities/uploaded-file.entity';
import { UserEntity } from './entities/user.entity';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { OrganizationsAccounts1796288723195 } from './migrations/1796288723195-organizations-accounts';
import { IdempotencyLease1796289125321 } from './migrations/1796289125321-idempotency-lease';
import { UploadedFiles1796289801569 } from './migrations/1796289801569-uploaded-files';
import { NotificationDelivery1796290138214 } from './migrations/1796290138214-notification-delivery';
import { CampaignUnits1796291184825 } from './migrations/1796291184825-campaign-units';
import { AuditOrganization1796299486153 } from './migrations/1796299486153-audit-organization';
import { CampaignDirectorySync1796300339954 } from './migrations/1796300339954-campaign-directory-sync';
import { AuditFilterIndexes1796302424312 } from './migrations/1796302424312-audit-filter-indexes';
import { AuditAnchorPending1796323813242 } from './migrations/1796323813242-audit-anchor-pending';
import { UserSessionNotify1796324271001 } from './migrations/1796324271001-user-session-notify';
import { RemindersAhead1796335372981 } from './migrations/1796335372981-reminders-ahead';
import { CampaignDetailText1796350000000 } from './migrations/1796350000000-campaign-detail-text';
import { CampaignStartAt1796360000000 } from './migrations/1796360000000-campaign-start-at';
import { NoticeLevel1796370000000 } from './migrations/1796370000000-notice-level';
import { OfficeWorkWaitsForOffice1796380000000 } from './migrations/1796380000000-office-work-waits-for-office';
import { UrgeLevel1796390000000 } from './migrations/1796390000000-urge-level';
import { NoticeActs1796400000000 } from './migrations/1796400000000-notice-acts';
import { CampaignPlanRules1796410000000 } from './migrations/1796410000000-campaign-plan-rules';
import { RobotOrganization1796420000000 } from './migrations/1796420000000-robot-organization';
import { DeliverySkipped1796430000000 } from './migrations/1796430000000-delivery-skipped';
import { NotificationProblemCode1796440000000 } from './migrations/1796440000000-notification-problem-code';
import { UploadedFileUploaderUnit1796455000000 } from './migrations/1796455000000-uploaded-file-uploader-unit';
import { CampaignTasksLiveDue1796465000000 } from './migrations/1796465000000-campaign-tasks-live-due';

export const ENTITIES = [CampaignEntity, CampaignTaskEntity, AuditRecordEntity, NotificationEntity, UserEntity, IdempotencyKeyEntity, CustomTemplateEntity,
  OrganizationEntity, OrganizationUnitEntity, UnitDutyEntity, AccountEventEntity, LoginFailureEntity, UploadedFileEntity];
export const MIGRATIONS = [InitialSchema1763900000000, OrganizationsAccounts1796288723195, IdempotencyLease1796289125321, UploadedFiles1796289801569, NotificationDelivery1796290138214, CampaignUnits1796291184825,
  AuditOrganization1796299486153, CampaignDirectorySync1796300339954, AuditFilterIndexes1796302424312, AuditAnchorPending1796323813242,
  UserSessionNotify1796324271001, RemindersAhead1796335372981, CampaignDetailText1796350000000, CampaignStartAt1796360000000, NoticeLevel1796370000000, OfficeWorkWaitsForOffice1796380000000, UrgeLevel1796390000000, NoticeActs1796400000000,
  CampaignPlanRules1796410000000, RobotOrganization1796420000000, DeliverySkipped1796430000000, NotificationProblemCode1796440000000,
  UploadedFileUploaderUnit1796455000000, CampaignTasksLiveDue1796465000000];

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    extra: { max: poolSize, connectionTimeoutMillis: 15000 },
  };
}

/**
 * Apply pending migrations (used by the start script, the apps when RUN_MIGRATIONS=true, and tests). `url` is the
 * owner role's (MIGRATION_DATABASE_URL); with `appRole`, that role is then granted what the apps need (db-roles.ts).
 */
export async function runMigrations(url: string, appRole?: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  let done: string[];
  try {
    done = (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await ds.destroy();
  }
  if (appRole) await grantAppRole(url, appRole);
  return done;
}

/** The role name in a postgres:// URL (the app role, for grants after migrations); undefined when it is the same. */
export function appRoleOf(appUrl: string, migrationUrl: string): string | undefined {
  const a = decodeURIComponent(new URL(appUrl).username);
  return a && a !== decodeURIComponent(new URL(migrationUrl).username) ? a : undefined;
}
