export * from './data-source';
export * from './entities/audit-record.entity';
export * from './entities/campaign-task.entity';
export * from './entities/campaign.entity';
export * from './entities/custom-template.entity';
export * from './entities/idempotency-key.entity';
export * from './entities/notification.entity';
export * from './entities/user.entity';
