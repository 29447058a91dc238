import { loadConfig } from '../../config/app-config';
import { httpLoggerOptions, logFormat } from './http-logger';

describe('log format', () => {
  it('is readable at a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(logFormat('auto', true)).toBe('pretty');
    expect(logFormat('auto', false)).toBe('json');
    expect(logFormat('auto', undefined)).toBe('json');
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat('pretty', false)).toBe('pretty');
  });

  it('uses the pino-pretty transport only for a terminal', () => {
    const config = loadConfig({});
    expect(httpLoggerOptions(config, true).transport).toMatchObject({ target: 'pino-pretty' });
    expect(httpLoggerOptions(config, false).transport).toBeUndefined();
    expect(httpLoggerOptions(loadConfig({ LOG_FORMAT: 'pretty' }), false).transport).toMatchObject({ target: 'pino-pretty' });
  });

  it('keeps redacting secrets in both formats', () => {
    for (const tty of [true, false]) {
      const redact = httpLoggerOptions(loadConfig({}), tty).redact as { paths: string[] };
      expect(redact.paths).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', '*.password', '*.privateKey']));
    }
  });
});
