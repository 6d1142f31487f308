import { DynamicModule, Module } from '@nestjs/common';
import { ActivitiesModule } from '../../../activities/activities.module';
import { AppConfig, ConfigModule } from '@eco/config';
import { PersistenceModule } from '@eco/persistence';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), ActivitiesModule],
      providers: [TemporalWorkerService],
    };
  }
}
