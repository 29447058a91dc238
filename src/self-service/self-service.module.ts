import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements';
import { DirectoryModule } from '../directory';
import { InventoryModule } from '../inventory';
import { PkiModule } from '../pki';
import { VpnModule } from '../vpn';
import { OwnEmployeeResolver } from './own-employee.resolver';
import { SelfServiceActionsService } from './self-service-actions.service';
import { SelfServiceController } from './self-service.controller';
import { SelfServiceService } from './self-service.service';

/** The employee's own page's API (`/api/v1/me`): reads and one action through the owners' faces; no tables of its own. */
@Module({
  imports: [DirectoryModule, AgreementsModule, InventoryModule, PkiModule, VpnModule],
  controllers: [SelfServiceController],
  providers: [OwnEmployeeResolver, SelfServiceService, SelfServiceActionsService],
})
export class SelfServiceModule {}
