import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import * as fs from 'node:fs';
import { cliActor } from '../../src/common/auth/roles';
import { DomainError } from '../../src/common/errors/domain-error';
import { CsvError } from '../../src/directory/domain/employee-csv';
import { EmployeeImportService, ImportReport } from '../../src/directory/employee-import.service';
import { DirectorySyncService } from '../../src/directory/directory-sync.service';
import { toSyncRunDto } from '../../src/directory/sync-run.mapper';
import { print, table, withContext } from './context';

/** The report holds the first errors (IMPORT_ERROR_LIMIT) and how many there are in all. */
function printErrors(errors: CsvError[], errorCount = errors.length): void {
  table(
    errors.map((e) => ({ line: e.line, column: e.column ?? '-', code: e.code, message: e.message })),
    ['line', 'column', 'code', 'message'],
  );
  if (errorCount > errors.length) print(`… and ${errorCount - errors.length} more (${errorCount} in all)`);
}

function printReport(r: ImportReport): void {
  print();
  table(
    [{ mode: r.dryRun ? 'dry run' : 'import', lines: r.total, created: r.created, updated: r.updated, unchanged: r.unchanged, errors: r.errorCount }],
    ['mode', 'lines', 'created', 'updated', 'unchanged', 'errors'],
  );
  if (r.errors.length) {
    print();
    printErrors(r.errors, r.errorCount);
  }
  print();
  print(r.dryRun ? (r.valid ? 'The file is valid; nothing was written (dry run).' : 'The file has errors; nothing was written.') : 'Imported.');
}

export function directoryCommands(program: Command): void {
  const directory = program.command('directory').description('directory (LDAP / Active Directory)');
  directory
    .command('sync')
    .description('sync employees from the directory now and print the run summary')
    .action(async () => {
      await withContext(async (ctx) => {
        const run = toSyncRunDto(await ctx.get(DirectorySyncService).runNow(cliActor(), 'manual'));
        table(
          [run as unknown as Record<string, unknown>],
          ['id', 'status', 'directoryEntries', 'created', 'updated', 'deactivated', 'reactivated', 'unchanged', 'skipped', 'durationMs'],
        );
        if (run.refusalReason) print(`Refused: ${run.refusalReason}`);
        if (run.failure) print(`Failed: ${run.failure}`);
        if (run.errors.length) {
          print();
          table(
            run.errors.map((e) => ({ dn: e.dn ?? '-', field: e.field, reason: e.reason })),
            ['dn', 'field', 'reason'],
          );
          if (run.errorCount > run.errors.length) print(`… ${run.errorCount} problems in all`);
        }
        if (run.status !== 'ok') process.exitCode = 1;
      });
    });

  const employees = program.command('employees').description('employees');
  employees
    .command('import <file>')
    .description('import employees from a CSV file (columns: see the API documentation of POST /api/v1/employees/import)')
    .option('--dry-run', 'check the file and report every problem; write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const text = fs.readFileSync(file, 'utf8');
      await withContext(async (ctx) => {
        const bar = new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} employees written', hideCursor: true }, Presets.shades_classic);
        let started = false;
        try {
          const report = await ctx.get(EmployeeImportService).import(cliActor(), text, Boolean(opts.dryRun), (done, total) => {
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          });
          if (started) bar.stop();
          printReport(report);
          if (!report.valid) process.exitCode = 1;
        } catch (err) {
          if (started) bar.stop();
          if (err instanceof DomainError && err.code === 'IMPORT_REJECTED') {
            print(err.message);
            printErrors((err.details?.errors ?? []) as CsvError[], Number(err.details?.errorCount ?? 0));
            process.exitCode = 1;
            return;
          }
          throw err;
        }
      });
    });
}
