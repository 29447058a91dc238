#!/usr/bin/env node
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Presets, SingleBar } from 'cli-progress';
import { AppModule } from '../../src/app.module';
import { FixedClock } from '../../src/common/clock';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { KpiService } from '../../src/kpi/kpi.service';
import { DemoResult, runDemo } from './demo-runner';

/**
 * `npm run demo [-- --force]`: fills the database of this configuration (DATA_DIR or DATABASE_URL, as the
 * service uses) with the demo municipality of the Comune di Prato POLA 2021-2023, then prints what to look at.
 * Runs in an application context with a clock it moves through 2019-2025; the service may be running meanwhile
 * (SQLite waits for the other writer) or stopped.
 */
function print(line = ''): void {
  process.stdout.write(line + '\n');
}

export function summary(result: DemoResult, lines: string[]): void {
  const { population, plan } = result;
  const written = Object.entries(result.written);
  lines.push(
    written.length
      ? `Written: ${written.map(([k, v]) => `${v} ${k}`).join(', ')} (${result.seconds.toFixed(1)} s).`
      : 'Nothing to do: the demo data is already there.',
  );
  lines.push('');
  lines.push(`Services: ${population.matches.length} (headcount names matched to the activity map):`);
  for (const m of population.matches.filter((x) => x.kind !== 'exact')) {
    const note = m.ambiguous ? '  AMBIGUOUS — check' : m.kind === 'same_words' ? '' : '  approximate';
    lines.push(
      `  ${m.headcountName.padEnd(44)} → ${m.code} ${m.mapName} (score ${m.score}${m.runnerUp ? `; next ${m.runnerUp.code} ${m.runnerUp.score}` : ''})${note}`,
    );
  }
  const exact = population.matches.filter((x) => x.kind === 'exact').length;
  lines.push(`  (${exact} more matched word for word)`);
  const e = plan.expected;
  lines.push(`Employees: ${e.employees}, eligible for remote work: ${e.eligible}.`);
  lines.push(
    `2020 emergency, March-April: ${e.firstPeriod2020.laptop} laptops, ${e.firstPeriod2020.webcam} webcams, ${e.firstPeriod2020.headset} headsets handed out.`,
  );
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  // The demo runs the jobs its changes record itself, in-process and on the day they belong to (see drainJobs):
  // no Redis even when the service uses it, and workers only when the runner starts them.
  const config = loadConfig({ ...process.env, REDIS_URL: undefined, RUN_WORKERS: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const now = new Date();
  const clock = new FixedClock(now);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, clock }), { logger: ['error'], abortOnError: false });
  try {
    print(`Demo municipality: Comune di Prato, POLA 2021-2023 → ${config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : config.database.file}`);
    const bar = process.stdout.isTTY ? new SingleBar({ format: ' timeline |{bar}| {value}/{total} events', hideCursor: true }, Presets.shades_classic) : null;
    let started = false;
    const result = await runDemo(app, clock, {
      now,
      force,
      log: print,
      progress: (done, total) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
        if (done === total) bar.stop();
      },
    });
    const lines: string[] = [];
    summary(result, lines);
    const kpi = app.get(KpiService);
    const series = await kpi.series(2020);
    lines.push('');
    lines.push('Laptops for remote work on 31 December (POLA targets 300 / 350 / 400, 2020 baseline 236):');
    for (const p of series.points) {
      lines.push(
        `  ${p.year}${p.current ? ' (today)' : ''}: ${String(p.laptops).padStart(4)}${p.laptopsTarget !== null ? `  target ${p.laptopsTarget}, ${p.laptopsStatus}` : ''}   workers with an agreement ${p.workersInForce}, equipped ${p.equippedPct}%, hardware ${p.investmentEur.toLocaleString('it-IT')} €`,
      );
    }
    const current = await kpi.pola();
    const pick = (id: string) => current.indicators.find((i) => i.id === id)!;
    const vpn = pick('vpn_accounts_open');
    const load = pick('vpn_gateway_expected_load_pct');
    const expiring = pick('certificates_expiring_within_30_days');
    lines.push('');
    lines.push(
      `VPN today: ${vpn.denominator ?? 0} accounts (${vpn.breakdown
        .filter((b) => (b.values.accounts ?? 0) > 0)
        .map((b) => `${b.key} ${b.values.accounts}`)
        .join(', ')})`,
    );
    lines.push(
      `  expected load ${load.numerator ?? 0} sessions of ${load.denominator ?? 0} (${load.breakdown.map((g) => `${g.key} ${g.values.expectedSessions}/${g.values.capacity}`).join(', ')})`,
    );
    lines.push(`  certificates expiring within 30 days: ${expiring.value} of ${expiring.denominator} valid`);
    lines.push('');
    lines.push('What to look at (start the service with `npm start`, sign in at /ui/login with an rtd or admin token):');
    lines.push('  /dashboard?anno=2020  the emergency: equipment handed out per month, 236 laptops, 548 agreements');
    lines.push('  /dashboard?anno=2022  a year behind its laptop target (344 of 350); a stolen laptop; a leaver who kept one');
    lines.push('  /dashboard            this year: VPN accounts, gateway load, certificates expiring, CRL freshness');
    lines.push('  GET /api/v1/kpi/pola.pdf?year=2022   the yearly POLA document (also .xlsx and .csv)');
    lines.push('  npm run cli -- token create --name rtd --role rtd   a token for the RTD, if you have none');
    for (const l of lines) print(l);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) for (const p of err.problems) process.stderr.write(`configuration error: ${p.variable} ${p.message}\n`);
  else process.stderr.write(`demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
