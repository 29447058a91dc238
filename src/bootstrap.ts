import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';
import type { Server } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { credentialBeforeBody } from './auth';
import { TokenService } from './auth';
import { createValidationPipe } from './common/http/validation';
import { addErrorResponses } from './common/http/openapi-errors';
import { listRouteRules } from './common/auth/route-rules';
import { Clock } from './common/clock';
import { AppConfig } from './config/app-config';
import { MetricsService } from './metrics';
import { mountStaticAssets } from './web';

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
  applyServerTimeouts(app.getHttpServer(), config);
  app.use(helmet(securityHeaders(config)));
  app.useBodyParser('json', { limit: config.env.BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: config.env.BODY_LIMIT, extended: false });
  // Up to IMPORT_BODY_LIMIT: read only for a caller who has shown a valid credential (see credentialBeforeBody).
  app.use(credentialBeforeBody(app.get(TokenService), IMPORT_CONTENT_TYPES));
  app.useBodyParser('text', { limit: config.env.IMPORT_BODY_LIMIT, type: IMPORT_CONTENT_TYPES });
  const metrics = app.get(MetricsService);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const matched = (req as unknown as { route?: { path?: unknown } }).route?.path;
      const path = typeof matched === 'string' ? matched : matched instanceof RegExp ? matched.source : null;
      const route = path ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
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

/**
 * Helmet's defaults, except what only makes sense over TLS: `upgrade-insecure-requests`, HSTS and
 * Cross-Origin-Opener-Policy are sent only when the service is served over https (PUBLIC_BASE_URL). On the usual
 * plain-HTTP intranet address (http://10.x.y.z:3000) the upgrade would send every script and style to https,
 * where nothing answers; browsers ignore HSTS and COOP from such an origin (COOP with a console error).
 */
export function securityHeaders(config: AppConfig): HelmetOptions {
  const https = config.servedOverHttps;
  return {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    strictTransportSecurity: https,
    crossOriginOpenerPolicy: https,
  };
}

/**
 * Node's defaults hold a client that sends its headers or body slowly for a minute (headers) or five (request).
 * A client must send its headers within HTTP_HEADERS_TIMEOUT_MS and its whole request within
 * HTTP_REQUEST_TIMEOUT_MS, or the connection is closed (408). Node checks these at connectionsCheckingInterval
 * (30 s by default), which would make a short timeout up to 30 s late: check four times per headers timeout.
 */
export function applyServerTimeouts(server: Server, config: AppConfig): void {
  server.headersTimeout = config.env.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.env.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = config.env.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  // Read when the server starts listening, so set before app.listen (not in @types/node 20).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    100,
    Math.min(5_000, Math.floor(config.env.HTTP_HEADERS_TIMEOUT_MS / 4)),
  );
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
  // Every operation's error responses, from the catalog and @ApiErrors; 401/403 for every route that is not public.
  addErrorResponses(document, listRouteRules(app));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Remote-work provisioning API' });
}
