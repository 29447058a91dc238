import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Options } from 'pino-http';
import type { AppConfig } from '../../config/app-config';

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

/**
 * Paths that carry a certificate in the URL itself: an OCSP GET request is the base64 of a DER request naming the
 * serial. Logged without it, as the connect-time check and the allow-list (serials in the body, never in the URL)
 * and OCSP POST are: no CN and no serial of a connecting laptop reaches the access log (Statuto dei lavoratori art. 4).
 */
const CERTIFICATE_IN_PATH = /^(\/pki\/ocsp\/)[^/]+$/;

/** The URL as the access log writes it: no query string, and no certificate in the path. */
export function loggedUrl(url: string | undefined): string | undefined {
  const path = url?.split('?')[0];
  return path?.replace(CERTIFICATE_IN_PATH, '$1[redacted]');
}

export type LogFormat = 'json' | 'pretty';

/** `LOG_FORMAT=auto` (default): readable lines for a person at a terminal, JSON for a collector. */
export function logFormat(setting: 'auto' | LogFormat, stdoutIsTty: boolean | undefined): LogFormat {
  if (setting !== 'auto') return setting;
  return stdoutIsTty ? 'pretty' : 'json';
}

export function httpLoggerOptions(config: AppConfig, stdoutIsTty = process.stdout.isTTY): Options {
  const format = logFormat(config.env.LOG_FORMAT, stdoutIsTty);
  return {
    level: config.env.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(format === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true } } }
      : {}),
    genReqId: (req: IncomingMessage, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggedUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
