import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory';
import { PkiModule } from '../pki';
import { DashboardController } from './dashboard.controller';
import { KpiController } from './kpi.controller';
import { KpiRepository } from './kpi.repository';
import { KpiService } from './kpi.service';
import { VpnModule } from '../vpn';
import { VpnIndicatorSource, VpnLoadIndicators } from './vpn-indicator.source';

/**
 * POLA indicators (SPEC §2) and the RTD dashboard. Aggregate SQL composed only of the fragments the owning features
 * publish (no table named here), plus their ports (audit head, VPN accounts by state, the CRL status);
 * targets come from inventory's KpiTargets (config/kpi-targets.tsv), the CRL's status from the PKI's certificates port, VPN
 * accounts and gateway load from the VPN feature's load report.
 */
@Module({
  imports: [InventoryModule, PkiModule, VpnModule],
  controllers: [KpiController, DashboardController],
  providers: [KpiRepository, KpiService, { provide: VpnIndicatorSource, useClass: VpnLoadIndicators }],
  exports: [KpiService],
})
export class KpiModule {}
