import { SingleBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import * as fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { cliActor } from '../../src/common/auth/roles';
import { DEVICE_KINDS, DeviceKind, isDeviceKind } from '../../src/inventory/domain/device-kind';
import { AssetIntakeService, IntakePhase } from '../../src/inventory/asset-intake.service';
import { StockPlanningService } from '../../src/inventory/stock-planning.service';
import { print, table, withContext } from './context';

const PHASE_LABEL: Record<IntakePhase, string> = { parsed: 'read', validated: 'validated', written: 'written' };

/**
 * `rw inventory import|stock|planning`: the same services as the API (same validation, audit, atomicity).
 * Registered in scripts/cli.ts.
 */
export function inventoryCommands(program: Command): void {
  const inventory = program.command('inventory').description('inventory: receive lots from CSV, stock on hand, purchase planning');

  inventory
    .command('import <file>')
    .description('receive a purchase lot from a CSV of serials (all rows or none); --dry-run lists every bad row')
    .requiredOption('--lot <id>', 'purchase lot id')
    .option('--dry-run', 'validate only, write nothing')
    .option('--errors <file>', 'write the reported errors (the first 100 of the file) to this CSV file (line, column, code, reason, value)')
    .action(async (file: string, opts: { lot: string; dryRun?: boolean; errors?: string }) => {
      const csv = fs.readFileSync(file, 'utf8');
      await withContext(async (ctx) => {
        const bar = new SingleBar({ format: ' {phase} |{bar}| {value}/{total} rows', hideCursor: true }, Presets.shades_classic);
        let started = false;
        const startedAt = Date.now();
        let report;
        try {
          report = await ctx.get(AssetIntakeService).import(cliActor(), opts.lot, csv, Boolean(opts.dryRun), (phase, done, total) => {
            if (!started) {
              bar.start(total, 0, { phase: PHASE_LABEL[phase] });
              started = true;
            }
            bar.update(done, { phase: PHASE_LABEL[phase] });
          });
        } finally {
          if (started) bar.stop();
        }
        const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
        print(
          `${report.dryRun ? 'Dry run' : 'Import'} of ${file} into lot ${report.lotId}: ${report.rows} rows, ${report.validRows} valid, ${report.invalidRows} invalid, ${report.created} created (${seconds} s).`,
        );
        print(`Lot: ${report.lotReceived} of ${report.lotQuantity} received.`);
        if (report.firstAssetTag) print(`Asset tags ${report.firstAssetTag} … ${report.lastAssetTag}.`);
        if (report.errors.length) {
          table(
            report.errors.slice(0, 50).map((e) => ({ ...e, column: e.column ?? '' })),
            ['line', 'column', 'code', 'reason'],
          );
          if (report.errorCount > 50) print(`… ${report.errorCount} errors in all${opts.errors ? '' : ' (use --errors <file> to save the first 100)'}.`);
          process.exitCode = 2;
        }
        if (opts.errors) {
          fs.writeFileSync(
            opts.errors,
            stringify(
              report.errors.map((e) => [e.line, e.column ?? '', e.code, e.reason, e.value ?? '']),
              { header: true, columns: ['line', 'column', 'code', 'reason', 'value'] },
            ),
          );
          print(`Errors written to ${opts.errors}.`);
        }
      }).catch((err: unknown) => {
        const e = err as { code?: string; details?: { errors?: { line: number; column: string | null; code: string; reason: string }[] } };
        if (e.code === 'IMPORT_REJECTED' && e.details?.errors) {
          print('Nothing was imported. Problems:');
          table(
            e.details.errors.slice(0, 50).map((x) => ({ ...x, column: x.column ?? '' })),
            ['line', 'column', 'code', 'reason'],
          );
        }
        throw err;
      });
    });

  inventory
    .command('stock')
    .description('stock on hand by kind and model (municipal assets)')
    .option('--kind <kind>', `one of ${DEVICE_KINDS.join(', ')}`, (v) => {
      if (!isDeviceKind(v)) throw new InvalidArgumentError(`kind must be one of ${DEVICE_KINDS.join(', ')}`);
      return v;
    })
    .action(async (opts: { kind?: DeviceKind }) => {
      await withContext(async (ctx) => {
        const stock = await ctx.get(StockPlanningService).stock(opts.kind);
        table(stock.byModel as unknown as Record<string, unknown>[], ['kind', 'manufacturer', 'model', 'inStock', 'assigned', 'inRepair']);
      });
    });

  inventory
    .command('planning')
    .description("laptops still needed for a year's target (config/kpi-targets.tsv), warranties ending within 90 days")
    .option('--year <year>', 'target year (default: next year)', (v) => {
      if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('year must be YYYY');
      return Number(v);
    })
    .action(async (opts: { year?: number }) => {
      await withContext(async (ctx) => {
        const p = await ctx.get(StockPlanningService).planning(opts.year);
        print(`Target ${p.year}: ${p.target} laptops (baseline ${p.baseline ?? '-'} in ${p.baselineYear ?? '-'}).`);
        print(`Assigned ${p.laptopsAssigned}, in stock ${p.laptopsInStock}, in repair ${p.laptopsInRepair}: still needed ${p.laptopsNeeded} = ${p.formula}.`);
        if (p.warrantiesEnding.length) {
          print('Warranties ending within 90 days:');
          table(p.warrantiesEnding as unknown as Record<string, unknown>[], ['warrantyEndsOn', 'cig', 'supplier', 'model', 'assetsInService']);
        }
      });
    });
}
