import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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
import { CoreModule, CoreOptions } from './core/core.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Redacted wherever they appear in a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passphrase',
  '*.token',
  '*.privateKey',
  '*.pkcs12',
];

@Module({})
export class AppModule {
  static forRoot(options: CoreOptions): DynamicModule {
    const config = options.config;
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.env.LOG_LEVEL,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            genReqId: (req: IncomingMessage, res) => {
              const incoming = req.headers['x-request-id'];
              const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
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
