import { Module } from '@nestjs/common';
import { EmployeePagesController } from './employee-pages.controller';
import { HotlinePagesController } from './hotline-pages.controller';
import { HrPagesController } from './hr-pages.controller';
import { ManagerPagesController } from './manager-pages.controller';
import { LabelsController } from './labels.controller';
import { NavigationController } from './navigation.controller';
import { QrCodeRenderer } from './qr-code.renderer';
import { TechnicianPagesController } from './technician-pages.controller';
import { VpnAccountActionsController } from './vpn-account-actions.controller';

/**
 * Pages for technicians and hot-line staff (HTML shells in web/, scripts in web/assets/), the QR codes of
 * printable labels, and the VPN lifecycle's actions per state for the hot-line's buttons. No business rule
 * lives here or in the pages: every action is a call to the JSON API.
 */
@Module({
  controllers: [
    TechnicianPagesController,
    HotlinePagesController,
    HrPagesController,
    ManagerPagesController,
    EmployeePagesController,
    LabelsController,
    VpnAccountActionsController,
    NavigationController,
  ],
  providers: [QrCodeRenderer],
})
export class OperatorPagesModule {}
