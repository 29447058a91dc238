import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { TokenService } from './auth';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) process.stderr.write(`configuration error: ${p.variable} ${p.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApp(config);
  const tokens = app.get(TokenService);
  if (config.env.BOOTSTRAP_ADMIN_TOKEN && (await tokens.ensureBootstrapAdmin(config.env.BOOTSTRAP_ADMIN_TOKEN))) {
    process.stdout.write('An admin token was created from BOOTSTRAP_ADMIN_TOKEN.\n');
  }
  await app.listen(config.env.PORT, config.env.HOST);
  const url = `http://${config.env.HOST === '0.0.0.0' ? 'localhost' : config.env.HOST}:${config.env.PORT}`;
  const hasTokens = (await app.get(TokenService).list(false)).length > 0;
  process.stdout.write(
    [
      `Listening on ${url} (database: ${config.database.kind}, jobs: ${config.queue.kind}, data: ${config.dataDir})`,
      `API documentation: ${url}/api/docs`,
      hasTokens
        ? 'Use an existing token, or create one: npm run cli -- token create --role admin --name <you>'
        : 'No token exists yet. Create an admin token with: npm run cli -- token create --role admin --name <you>  (or start with BOOTSTRAP_ADMIN_TOKEN set)',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
