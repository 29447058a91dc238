import { DynamicModule, Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Clock, SystemClock } from '../common/clock';
import { openDatabase } from '../database/data-source';
import { UnitOfWork } from '../database/unit-of-work';

export interface CoreOptions {
  config: AppConfig;
  clock?: Clock;
}

class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Configuration, clock and database: what every feature module depends on. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: DataSource, useFactory: () => openDatabase(options.config) },
        { provide: UnitOfWork, inject: [DataSource], useFactory: (ds: DataSource) => new UnitOfWork(ds) },
        DatabaseCloser,
      ],
      exports: [AppConfig, Clock, DataSource, UnitOfWork],
    };
  }
}
