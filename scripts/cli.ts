#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { DomainError } from '../src/common/errors/domain-error';
import { ConfigError } from '../src/config/app-config';
import { variableDocs } from '../src/config/config.schema';
import { backupCommands } from './cli/backup.commands';
import { print, withContext } from './cli/context';
import { directoryCommands } from './cli/directory.commands';
import { inventoryCommands } from './cli/inventory.commands';
import { pkiCommands } from './cli/pki.commands';
import { tokenCommands } from './cli/token.commands';
import { vpnCommands } from './cli/vpn.commands';

const program = new Command('rw').description('Remote-work provisioning service: administration').showHelpAfterError();

tokenCommands(program);
directoryCommands(program);
inventoryCommands(program);
pkiCommands(program);
vpnCommands(program);
backupCommands(program);

program
  .command('migrate')
  .description('apply pending database migrations (the service also does it at start)')
  .action(async () => {
    await withContext(async () => print('Migrations are up to date.'));
  });

program
  .command('config')
  .description('list every environment variable the service reads')
  .action(() => {
    for (const [name, doc] of Object.entries(variableDocs)) print(`${name.padEnd(28)} ${doc.secret ? '[secret] ' : ''}${doc.description}`);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const p of err.problems) process.stderr.write(`configuration error: ${p.variable} ${p.message}\n`);
  } else if (err instanceof DomainError) {
    process.stderr.write(`${err.code}: ${err.message}\n`);
  } else {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exitCode = 1;
});
