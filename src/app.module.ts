import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ActivitiesModule } from './activities/activities.module';
import { AgreementsModule } from './agreements/agreements.module';
import { DirectoryModule } from './directory/directory.module';
import { InventoryModule } from './inventory/inventory.module';
import { KpiModule } from './kpi/kpi.module';
import { OffboardingModule } from './offboarding/offboarding.module';
import { PkiModule } from './pki/pki.module';
import { VpnModule } from './vpn/vpn.module';
import { AuditModule } from './audit/audit.module';
import { WebModule } from './web/web.module';
import { OperatorPagesModule } from './operator-pages/operator-pages.module';
import { AuthModule } from './auth/auth.module';
import { HttpErrorFilter } from './common/http/http-error.filter';
import { httpLoggerOptions } from './common/logging/http-logger';
import { CoreModule, CoreOptions } from './core/core.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';

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
        DirectoryModule,
        ActivitiesModule,
        AgreementsModule,
        OffboardingModule,
        InventoryModule,
        PkiModule,
        VpnModule,
        KpiModule,
        WebModule,
        OperatorPagesModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
