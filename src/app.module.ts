import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ActivitiesModule } from './activities';
import { AgreementsModule } from './agreements';
import { DirectoryModule } from './directory';
import { InventoryModule } from './inventory';
import { KpiModule } from './kpi';
import { OffboardingModule } from './offboarding';
import { PkiModule } from './pki';
import { TrainingModule } from './training';
import { VpnModule } from './vpn';
import { SelfServiceModule } from './self-service';
import { ManagerViewModule } from './manager-view';
import { AuditModule } from './audit';
import { WebModule } from './web';
import { OperatorPagesModule } from './operator-pages';
import { AuthModule } from './auth';
import { HttpErrorFilter } from './common/http/http-error.filter';
import { httpLoggerOptions } from './common/logging/http-logger';
import { CoreModule, CoreOptions } from './core';
import { HealthController } from './health';
import { JobsModule } from './jobs';
import { MetricsModule } from './metrics';
import { NoticesModule } from './notices';

@Module({})
export class AppModule {
  static forRoot(options: CoreOptions): DynamicModule {
    const config = options.config;
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggerOptions(config) }),
        DiscoveryModule,
        CoreModule.forRoot(options),
        AuditModule,
        AuthModule,
        JobsModule,
        MetricsModule,
        NoticesModule,
        DirectoryModule,
        ActivitiesModule,
        AgreementsModule,
        OffboardingModule,
        InventoryModule,
        PkiModule,
        VpnModule,
        KpiModule,
        TrainingModule,
        SelfServiceModule,
        ManagerViewModule,
        WebModule,
        OperatorPagesModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
