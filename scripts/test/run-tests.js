#!/usr/bin/env node
'use strict';
/**
 * `npm test`: starts private Redis and slapd instances, runs the whole suite on SQLite, runs the integration
 * and e2e tiers again on PostgreSQL, prints `N passed, N failed`, and stops what it started.
 *
 *   npm test                          everything
 *   npm test -- --selectProjects unit jest arguments are passed through
 *   RW_TEST_DB=sqlite npm test        skip the PostgreSQL pass (also: postgres)
 *   TEST_POSTGRES_URL=postgres://…    the PostgreSQL server to create throwaway databases on
 *
 * The "hardening" project (faults with kill -9, fuzzing, the role matrix, several instances: real service
 * processes spawned from dist/) runs once, in the PostgreSQL pass (its several-instances tests need PostgreSQL;
 * its SQLite-specific faults pick SQLite themselves), or in the SQLite pass when PostgreSQL is not there.
 * dist/ is built first. A run filtered by paths or projects runs what it names on the databases it names.
 * The integration specs whose subject is an outside program (openvpn, nft, the gateway scripts) run in the SQLite
 * pass only (EXTERNAL_PROGRAM_SPECS in jest.config.js).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensurePackages, startRedis, startSlapd, makeTempDir } = require('./services');
const { startSambaDc, sambaEnv, sambaFromEnv, sambaUnavailableReason } = require('./samba');

const root = path.resolve(__dirname, '..', '..');
const resultsDir = path.join(root, 'test-results');
const log = (m) => process.stderr.write(`[test] ${m}\n`);

async function postgresReachable(url) {
  let Client;
  try {
    ({ Client } = require('pg'));
  } catch {
    return false;
  }
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    log(`PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//…@')} is not reachable: ${err.message}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function runJest(label, args, env) {
  const outputFile = path.join(resultsDir, `${label}.json`);
  fs.rmSync(outputFile, { force: true });
  log(`jest pass "${label}": ${args.join(' ') || '(all projects)'}`);
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--json', `--outputFile=${outputFile}`, ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(outputFile)) {
    const result = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    passed = result.numPassedTests;
    failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
    if (result.numTotalTests === 0) failed += 1;
  } else {
    failed += 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

async function main() {
  const passThrough = process.argv.slice(2);
  const which = process.env.RW_TEST_DB ?? 'both';
  const ci = process.env.CI === 'true';
  fs.mkdirSync(resultsDir, { recursive: true });
  ensurePackages(log);

  const tmp = makeTempDir('rw-test-');
  const stops = [];
  const stopAll = () => {
    for (const stop of stops.splice(0)) {
      try {
        stop();
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

  const redis = await startRedis(tmp);
  stops.push(redis.stop);
  const ldap = await startSlapd(tmp);
  stops.push(ldap.stop);
  log(`private redis ${redis.url}, slapd ${ldap.url}`);

  // One Samba AD DC for the whole run (its ports are fixed: one per machine). TEST_AD_* already set (a development
  // DC from `node scripts/test/samba.js start DIR`) is reused as it is; without root or the packages the AD specs
  // skip with a warning, or fail under CI=true.
  let adEnv = {};
  let ad = null;
  if (sambaFromEnv(process.env)) {
    log(`reusing the Samba AD DC named by TEST_AD_URL (${process.env.TEST_AD_URL})`);
  } else if (sambaUnavailableReason()) {
    log(`no Samba AD DC: ${sambaUnavailableReason()}; the AD specs ${ci ? 'fail (CI=true)' : 'are skipped'}`);
  } else {
    try {
      ad = await startSambaDc(path.join(tmp, 'samba-dc'), { log });
      stops.push(() => ad.stop());
      adEnv = sambaEnv(ad);
    } catch (err) {
      log(`the Samba AD DC did not start: ${err.message}; the AD specs ${ci ? 'fail (CI=true)' : 'are skipped'}`);
    }
  }

  const env = {
    ...process.env,
    TZ: 'UTC',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    TEST_REDIS_URL: redis.url,
    TEST_LDAP_URL: ldap.url,
    TEST_LDAP_SUFFIX: ldap.suffix,
    TEST_LDAP_ADMIN_DN: ldap.adminDn,
    TEST_LDAP_ADMIN_PASSWORD: ldap.adminPassword,
    TEST_TMP: tmp,
    ...adEnv,
  };
  const pgUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

  const totals = { passed: 0, failed: 0 };
  const add = (r) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
  };

  // A full run (no project or path named) keeps the hardening project for one pass; a filtered run is left alone.
  const filtered =
    passThrough.includes('--selectProjects') ||
    passThrough.some((a, i) => !a.startsWith('-') && !/^--(selectProjects|maxWorkers)$/.test(passThrough[i - 1] ?? '')) ||
    passThrough.includes('--testPathPattern');
  const namesHardening = !filtered || passThrough.some((a) => /hardening/.test(a));
  const pgReachable = which !== 'sqlite' && (await postgresReachable(pgUrl));
  const hardeningOnPostgres = pgReachable && which !== 'sqlite';
  const hardeningOnSqlite = !hardeningOnPostgres && which !== 'postgres';
  if (namesHardening && (hardeningOnPostgres || hardeningOnSqlite)) {
    log('building dist/ for the hardening project (it spawns node dist/src/main.js)');
    const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      log('the build failed: hardening tests will fail');
      totals.failed += 1;
    }
  }

  // The lint gate (ESLint with type information and the feature-boundary rule, Prettier, the page scripts'
  // type check) is part of every full run and counts as one test: red when anything in it is red.
  if (!filtered) {
    log('lint gate: npm run lint');
    const lint = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'lint', '--silent'], { cwd: root, stdio: 'inherit', env });
    if (lint.status === 0) totals.passed += 1;
    else {
      log('the lint gate failed');
      totals.failed += 1;
    }
  }

  if (which !== 'postgres') {
    const args = filtered
      ? passThrough
      : [...passThrough, '--selectProjects', 'unit', 'integration', 'e2e', 'browser', ...(hardeningOnSqlite ? ['hardening'] : [])];
    add(runJest('sqlite', ['--maxWorkers=2', ...args], { ...env, TEST_DB: 'sqlite' }));
  }

  const selectsOnlyUnit = passThrough.includes('--selectProjects') && !passThrough.some((a) => a === 'integration' || a === 'e2e' || a === 'hardening');
  if (which !== 'sqlite' && !selectsOnlyUnit) {
    if (pgReachable) {
      // Project selection goes last: jest's --selectProjects takes every following word as a project name.
      const args = passThrough.includes('--selectProjects') ? passThrough : [...passThrough, '--selectProjects', 'integration', 'e2e', 'hardening'];
      add(runJest('postgres', ['--maxWorkers=2', ...args], { ...env, TEST_DB: 'postgres', TEST_POSTGRES_URL: pgUrl }));
    } else if (ci) {
      log('CI=true and PostgreSQL is not reachable: the PostgreSQL pass counts as failed');
      totals.failed += 1;
    } else {
      log('PostgreSQL pass skipped (set TEST_POSTGRES_URL to a server with trust auth to run it)');
    }
  }

  if (ad) await ad.stop();
  stopAll();
  fs.rmSync(tmp, { recursive: true, force: true });
  const line = `${totals.passed} passed, ${totals.failed} failed`;
  fs.writeFileSync(path.join(resultsDir, 'summary.txt'), line + '\n');
  process.stdout.write(line + '\n');
  process.exit(totals.failed === 0 ? 0 : 1);
}

main().catch((err) => {
  log(err.stack || String(err));
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
});
