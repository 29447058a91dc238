import { Command } from 'commander';
import { VpnGatewaysService } from '../../src/vpn/vpn-gateways.service';
import { VpnLoadReportService } from '../../src/vpn/vpn-load-report.service';
import { VpnReconciler } from '../../src/vpn/vpn-reconciler.service';
import { VpnRenewalService } from '../../src/vpn/vpn-renewal.service';
import { print, table, withContext } from './context';

/**
 * `rw vpn load|renew|reconcile|seed-gateways`: the same services as the API and the scheduled jobs (same rules,
 * audit, CRL publication). Registered in scripts/cli.ts.
 */
export function vpnCommands(program: Command): void {
  const vpn = program.command('vpn').description('VPN: gateway load, certificate renewal, reconciliation with revoked certificates');

  vpn
    .command('load')
    .description('expected peak concurrent sessions per gateway against capacity (Σ remote days / 5)')
    .action(async () => {
      await withContext(async (ctx) => {
        const r = await ctx.get(VpnLoadReportService).report();
        table(
          r.gateways.map((g) => ({
            gateway: g.name,
            profile: g.profile,
            enabled: g.enabled ? 'yes' : 'no',
            capacity: g.capacity,
            active: g.accounts.active,
            'expected peak': g.expectedPeakSessions,
            p95: g.peakSessions95,
            'use %': g.utilisationPercent,
            warning: g.warning ?? '',
          })),
          ['gateway', 'profile', 'enabled', 'capacity', 'active', 'expected peak', 'p95', 'use %', 'warning'],
        );
        print(
          `Total: ${r.totals.expectedPeakSessions} expected sessions (p95 ${r.totals.peakSessions95}) on ${r.totals.capacity} of capacity, ${r.totals.utilisationPercent}%; threshold ${r.warningThresholdPercent}%.`,
        );
        if (r.totals.gatewaysWithWarning) process.exitCode = 2;
      });
    });

  vpn
    .command('renew')
    .description('run the daily renewal now: new certificates (same key) 30 days before expiry, superseded ones revoked after the grace period')
    .action(async () => {
      await withContext(async (ctx) => {
        const r = await ctx.get(VpnRenewalService).run();
        print(`Renewed ${r.renewed}, refused by the gate ${r.refused}, superseded certificates revoked ${r.superseded}, failed ${r.failed}.`);
        if (r.failed) process.exitCode = 1;
      });
    });

  vpn
    .command('reconcile')
    .description('bring accounts whose certificate was revoked elsewhere (stolen laptop) back to approved')
    .action(async () => {
      await withContext(async (ctx) => print(`Accounts updated: ${await ctx.get(VpnReconciler).run()}.`));
    });

  vpn
    .command('seed-gateways')
    .description('create the gateways of config/vpn.json that do not exist yet (the service does it at start)')
    .action(async () => {
      await withContext(async (ctx) => {
        const created = await ctx.get(VpnGatewaysService).seed();
        print(created.length ? `Created: ${created.join(', ')}.` : 'Every configured gateway already exists.');
      });
    });
}
