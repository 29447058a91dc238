import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities';
import { AgreementsModule } from '../agreements';
import { DirectoryModule } from '../directory';
import { VpnModule } from '../vpn';
import { ManagerScopeResolver } from './manager-scope';
import { ManagerViewController } from './manager-view.controller';
import { ManagerViewService } from './manager-view.service';

/** The manager's own view's API (`/api/v1/manager/*`): a read model over the owners' faces; no tables of its own. */
@Module({
  imports: [DirectoryModule, ActivitiesModule, AgreementsModule, VpnModule],
  controllers: [ManagerViewController],
  providers: [ManagerScopeResolver, ManagerViewService],
})
export class ManagerViewModule {}
