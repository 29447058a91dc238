import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { GatewayBundleService } from '../../src/vpn/gateway-bundle.service';
import { VpnGatewaysService } from '../../src/vpn/vpn-gateways.service';
import { VpnLoadReportService } from '../../src/vpn/vpn-load-report.service';
import { VpnReconciler } from '../../src/vpn/vpn-reconciler.service';
import { VpnRenewalService } from '../../src/vpn/vpn-renewal.service';
import { print, table, withContext } from './context';

/**
 * `rw vpn load|renew|reconcile|seed-gateways|gateway-bundle`: the same services as the API and the scheduled jobs (same rules,
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
    .command('gateway-bundle <gateway>')
    .description("write a gateway's bundle (server.conf, CA, CRL, nftables ruleset, hook, refreshers, README.it.md) into a folder, with the files' modes")
    .requiredOption('--out <dir>', 'folder to write into (created; files already there are replaced)')
    .option('--dir <path>', 'directory the gateway installs the bundle into, written into server.conf (default /etc/openvpn)')
    .option('--service-url <url>', 'URL the gateway reaches the service at (default PUBLIC_BASE_URL)')
    .action(async (name: string, opts: { out: string; dir?: string; serviceUrl?: string }) => {
      await withContext(async (ctx) => {
        const service = ctx.get(GatewayBundleService);
        const gateway = await service.resolve(name);
        const bundle = await service.build(gateway.id, { installDir: opts.dir, serviceUrl: opts.serviceUrl });
        const out = path.resolve(opts.out);
        for (const f of bundle.files) {
          const file = path.join(out, f.path);
          if (!file.startsWith(out + path.sep)) throw new Error(`bundle path ${f.path} is outside ${out}`);
          fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
          fs.writeFileSync(file, f.content, { mode: parseInt(f.mode, 8) });
          fs.chmodSync(file, parseInt(f.mode, 8));
          print(`${f.mode}  ${file}`);
        }
        print(`Bundle of gateway ${bundle.gatewayName} (${bundle.gatewayId}), generated ${bundle.generatedAt}, to install in ${bundle.installDir}.`);
      });
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
