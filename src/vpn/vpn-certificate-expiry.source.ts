import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NoticeRequest, NoticeSource } from '../notices';
import { RENEWED_STATES } from './domain/renewal';
import { VpnAccountRepository } from './vpn-account.repository';

const WARNING_DAYS = 30;
const DAY_MS = 86_400_000;
const LIMIT = 5000;

/**
 * The daily e-mail source of the VPN: accounts in use whose station certificate expires within 30 days and that
 * no renewal has replaced yet (the hot-line and the employee are told). One notice per account and serial.
 */
@Injectable()
export class VpnCertificateExpirySource implements NoticeSource {
  readonly name = 'vpn.certificate-expiring';

  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly clock: Clock,
  ) {}

  async due(): Promise<NoticeRequest[]> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + WARNING_DAYS * DAY_MS).toISOString();
    const rows = await this.accounts.dueForRenewal(RENEWED_STATES, horizon, LIMIT);
    return rows
      .filter((a) => a.currentSerial && a.certificateNotAfter && a.certificateNotAfter > now.toISOString())
      .map((a) => ({
        kind: 'certificate-expiring' as const,
        key: `${a.id}-${a.currentSerial}`,
        employeeId: a.employeeId,
        facts: { notAfter: a.certificateNotAfter as string, serialNumber: a.currentSerial as string },
      }));
  }
}
