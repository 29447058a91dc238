import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements';
import { AppConfig } from '../config/app-config';
import { DirectoryModule } from '../directory';
import { InventoryModule } from '../inventory';
import { OffboardingModule } from '../offboarding';
import { PkiModule } from '../pki';
import { GatewayAllowList } from './gateway-allow-list.service';
import { GatewayConnectCheck } from './gateway-connect-check.service';
import { GatewayConnectFacts } from './gateway-connect-facts';
import { GatewayCredentials } from './gateway-credentials.service';
import { OpenVpnProfileService } from './openvpn-profile.service';
import { GatewayBundleController } from './gateway-bundle.controller';
import { GatewayBundleService } from './gateway-bundle.service';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAgreementSuspensionFollower } from './vpn-agreement-suspension.follower';
import { VpnAccountTransitionsService } from './vpn-account-transitions.service';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnAccountsController } from './vpn-accounts.controller';
import { VpnAccountsService } from './vpn-accounts.service';
import { VpnAddressRepository } from './vpn-address.repository';
import { VpnAddressService } from './vpn-address.service';
import { VpnBulkOnboardingService } from './vpn-bulk-onboarding.service';
import { VpnCertificateExpirySource } from './vpn-certificate-expiry.source';
import { VpnCertificates } from './vpn-certificates';
import { VpnClientDirectives } from './vpn-client-directives.service';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnGatewaysController } from './vpn-gateways.controller';
import { VpnGatewaysService } from './vpn-gateways.service';
import { VpnGroupSync } from './vpn-group-sync.service';
import { VpnIssuanceService } from './vpn-issuance.service';
import { VpnLoadReportService } from './vpn-load-report.service';
import { VpnOffboardingStep } from './vpn-offboarding.step';
import { VpnReconciler } from './vpn-reconciler.service';
import { VpnRenewalService } from './vpn-renewal.service';
import { VpnSettings } from './vpn-settings';
import { VpnLifecycle } from './vpn.lifecycle';
import { VpnManagerApprovalController } from './vpn-manager-approval.controller';
import { VpnManagerApprovalRepository } from './vpn-manager-approval.repository';
import { VpnManagerApprovals } from './vpn-manager-approvals.service';

/**
 * VPN accounts (lifecycle, station certificates through the PKI, .ovpn profiles, directory VPN group), gateways
 * and placement by expected load, renewal, offboarding step 'vpn', following agreements' suspension and resumption. Exports the load report (KPI dashboard) and
 * the renewal and reconciler services (CLI).
 */
@Module({
  imports: [AgreementsModule, DirectoryModule, InventoryModule, OffboardingModule, PkiModule],
  controllers: [VpnAccountsController, VpnManagerApprovalController, VpnGatewaysController, GatewayBundleController],
  providers: [
    { provide: VpnSettings, inject: [AppConfig], useFactory: (config: AppConfig) => VpnSettings.load(config) },
    VpnAccountRepository,
    VpnGatewayRepository,
    VpnAccountSteps,
    VpnCertificates,
    VpnGatewaysService,
    VpnLoadReportService,
    VpnAccountsService,
    VpnIssuanceService,
    VpnAccountTransitionsService,
    OpenVpnProfileService,
    VpnAddressRepository,
    VpnAddressService,
    VpnClientDirectives,
    GatewayBundleService,
    VpnBulkOnboardingService,
    VpnGroupSync,
    VpnRenewalService,
    VpnReconciler,
    VpnOffboardingStep,
    VpnAgreementSuspensionFollower,
    VpnCertificateExpirySource,
    VpnLifecycle,
    GatewayCredentials,
    GatewayConnectFacts,
    GatewayConnectCheck,
    GatewayAllowList,
    VpnManagerApprovalRepository,
    VpnManagerApprovals,
  ],
  exports: [
    VpnSettings,
    VpnLoadReportService,
    VpnRenewalService,
    VpnReconciler,
    VpnGatewaysService,
    VpnAccountsService,
    OpenVpnProfileService,
    VpnManagerApprovals,
  ],
})
export class VpnModule {}
