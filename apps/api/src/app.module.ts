import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { HealthModule } from './health/health.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), TemporalModule, HealthModule],
    };
  }
}
