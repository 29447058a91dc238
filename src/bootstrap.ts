import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/http/validation';
import { Clock } from './common/clock';
import { AppConfig } from './config/app-config';
import { MetricsService } from './metrics/metrics.service';
import { mountStaticAssets } from './web/static-assets';

export interface CreateAppOptions {
  clock?: Clock;
  /** Skip the pino logger (CLI contexts print their own output). */
  quiet?: boolean;
}

export const IMPORT_CONTENT_TYPES = ['text/csv', 'text/plain', 'text/tab-separated-values'];

/** Builds the HTTP application exactly as production runs it; `main.ts` and the tests both call this. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, clock: options.clock }), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.env.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  app.useBodyParser('json', { limit: config.env.BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: config.env.BODY_LIMIT, extended: false });
  app.useBodyParser('text', { limit: config.env.IMPORT_BODY_LIMIT, type: IMPORT_CONTENT_TYPES });
  const metrics = app.get(MetricsService);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${String(req.route.path)}` : 'unmatched';
      end({ route, status: String(res.statusCode) });
    });
    next();
  });
  mountStaticAssets(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  await app.init();
  return app;
}

export function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Remote-work provisioning and VPN inventory')
      .setDescription('Agreements, the provisioning gate, inventory and handovers, station certificates and VPN accounts, POLA indicators.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Remote-work provisioning API' });
}
