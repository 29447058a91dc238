import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory';
import { AttendanceTotalsRepository } from './attendance-totals.repository';
import { AttendanceTotalsService } from './attendance-totals.service';
import { DeclaredValuesRepository } from './declared-values.repository';
import { DeclaredValuesService } from './declared-values.service';
import { PolaInputsController } from './pola-inputs.controller';
import { PolaDocumentsController } from './pola-documents.controller';
import { PolaDocumentsService } from './report/pola-documents.service';
import { PolaRepository } from './pola.repository';
import { PolaService } from './pola.service';
import { PolaTargets } from './pola-targets';
import { TrainingModule } from '../training';
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
 * accounts and gateway load from the VPN feature's load report. The Part 4 report (PolaService) adds the training port,
 * inventory's investment port, declared values, HR totals and its typed targets (config/pola-targets.tsv, read at start).
 */
@Module({
  imports: [DirectoryModule, InventoryModule, PkiModule, TrainingModule, VpnModule],
  controllers: [KpiController, DashboardController, PolaInputsController, PolaDocumentsController],
  providers: [
    KpiRepository,
    KpiService,
    DeclaredValuesRepository,
    DeclaredValuesService,
    AttendanceTotalsRepository,
    AttendanceTotalsService,
    PolaTargets,
    PolaRepository,
    PolaService,
    PolaDocumentsService,
    { provide: VpnIndicatorSource, useClass: VpnLoadIndicators },
  ],
  exports: [KpiService, PolaService],
})
export class KpiModule {}
