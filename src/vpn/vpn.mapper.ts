import { NetworkAccess } from './domain/network-access';
import { tunDeviceOf } from './domain/openvpn-server-conf';
import { expectedSessions } from './domain/placement';
import { VpnAccountDto } from './dto/vpn-account.dto';
import { VpnGatewayDto } from './dto/vpn-gateway.dto';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnGatewayEntity } from './vpn-gateway.entity';

/** `profileNetworks`: the networks of the gateway's profile (what it serves when it has no networks of its own). */
export function toGatewayDto(g: VpnGatewayEntity, profileNetworks: NetworkAccess[] = []): VpnGatewayDto {
  return {
    id: g.id,
    name: g.name,
    host: g.host,
    port: Number(g.port),
    proto: g.proto,
    profile: g.profile,
    capacity: Number(g.capacity),
    enabled: Boolean(g.enabled),
    networks: g.networks ?? null,
    effectiveNetworks: g.networks ?? profileNetworks,
    tunDevice: tunDeviceOf(g),
    source: g.source,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    version: Number(g.version),
  };
}

export function toAccountDto(a: VpnAccountEntity, gateway: VpnGatewayEntity | null | undefined, certificateStatus?: string): VpnAccountDto {
  const days = a.remoteDaysPerWeek === null ? null : Number(a.remoteDaysPerWeek);
  return {
    id: a.id,
    employeeId: a.employeeId,
    username: a.username,
    profile: a.profile,
    state: a.state,
    gateway: gateway ? { id: gateway.id, name: gateway.name, host: gateway.host, port: Number(gateway.port), proto: gateway.proto } : null,
    remoteDaysPerWeek: days,
    expectedSessions: expectedSessions(days),
    agreementId: a.agreementId,
    stationAssetId: a.stationAssetId,
    stationAssetTag: a.stationAssetTag,
    certificate:
      a.currentSerial && a.certificateNotAfter
        ? { serial: a.currentSerial, notAfter: a.certificateNotAfter, keyOrigin: a.keyOrigin, ...(certificateStatus ? { status: certificateStatus } : {}) }
        : null,
    supersededSerial: a.supersededSerial,
    supersedeAfter: a.supersedeAfter,
    suspendedFrom: a.suspendedFrom,
    suspensionReason: a.suspensionReason,
    suspensionCause: a.suspensionCause ?? null,
    suspensionAgreementId: a.suspensionAgreementId ?? null,
    revocationReason: a.revocationReason,
    certificateLostReason: a.certificateLostReason,
    certificateLostAt: a.certificateLostAt,
    requestedAt: a.requestedAt,
    approvedAt: a.approvedAt,
    issuedAt: a.issuedAt,
    installedAt: a.installedAt,
    activatedAt: a.activatedAt,
    suspendedAt: a.suspendedAt,
    resumedAt: a.resumedAt,
    revokedAt: a.revokedAt,
    renewedAt: a.renewedAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: Number(a.version),
  };
}
