import { ApiProperty } from '@nestjs/swagger';

/**
 * What an employee reads of their own records (GET /api/v1/me). Built field by field from the owners' views: no
 * special-category data (a disabled worker's withdrawal basis or notice days, the suspension's reason), no key.
 */
export class MeServiceDto {
  @ApiProperty({ example: 'SI' }) code: string;
  @ApiProperty({ example: 'Sistemi informativi' }) name: string;
}

export class MeEmployeeDto {
  @ApiProperty() id: string;
  @ApiProperty() employeeNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: MeServiceDto }) service: MeServiceDto;
}

export class MeAgreementDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['draft', 'awaiting_confirmation', 'signed', 'active', 'suspended', 'withdrawn', 'expired'] }) state: string;
  @ApiProperty({ example: 'In vigore' }) stateLabel: string;
  @ApiProperty({ example: '2026-01-01' }) startDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty() indefinite: boolean;
  @ApiProperty() inForceToday: boolean;
  @ApiProperty() remoteDaysPerWeek: number;
  @ApiProperty({ type: [String] }) places: string[];
  @ApiProperty({ example: '09:30-12:30' }) contactBand: string;
  @ApiProperty({ example: '20:00-08:00' }) nonOperabilityBand: string;
  @ApiProperty({ nullable: true, type: String, description: "the employee's signature (ISO-8601)" }) employeeSignedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the manager's countersignature, once it counts (ISO-8601)" }) managerSignedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'while suspended: since when (the reason is not shown)' }) suspendedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'a withdrawal under way or done: the day it takes effect' }) withdrawalEffectiveDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'first day no longer in force, once ended' }) endedOn: string | null;
  @ApiProperty({ example: '/api/v1/me/agreements/0f8fad5b-d9cb-469f-a165-70867728950e/document', description: 'the agreement document (PDF)' })
  documentUrl: string;
}

export class MeSafetyNoticeDto {
  @ApiProperty({ description: 'the agreement the notice belongs to (in force today, else the newest)' }) agreementId: string;
  @ApiProperty({ enum: ['valid', 'missing', 'expired'] }) status: string;
  @ApiProperty({ example: 'Valida' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: String }) deliveredOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'first day the notice no longer counts (delivered every 12 months)' }) expiresOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the last day it holds: a new notice is due by then' }) validUntil: string | null;
}

export class MeDeviceDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['laptop', 'docking_station', 'monitor', 'keyboard', 'mouse', 'webcam', 'headset', 'mobile_router'] }) kind: string;
  @ApiProperty({ example: 'Portatile' }) kindLabel: string;
  @ApiProperty() manufacturer: string;
  @ApiProperty() model: string;
  @ApiProperty() assetTag: string;
  @ApiProperty() serial: string;
  @ApiProperty({ enum: ['municipal', 'personal'], description: 'personal: a device of their own they declared' }) ownership: string;
  @ApiProperty({ nullable: true, type: String, description: 'held since (ISO-8601)' }) since: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the handover whose receipt covers it' }) handoverId: string | null;
}

export class MeReceiptDto {
  @ApiProperty() handoverId: string;
  @ApiProperty({ example: '2026-02-03' }) handoverDate: string;
  @ApiProperty({ enum: ['open', 'partially_returned', 'closed'] }) status: string;
  @ApiProperty({ example: 'In consegna' }) statusLabel: string;
  @ApiProperty() itemsCount: number;
  @ApiProperty({ example: '/api/v1/me/receipts/0f8fad5b-d9cb-469f-a165-70867728950e' }) receiptUrl: string;
}

export class MeVpnCertificateDto {
  @ApiProperty() serial: string;
  @ApiProperty({ description: 'valid from (ISO-8601)' }) notBefore: string;
  @ApiProperty({ description: 'valid until (ISO-8601)' }) notAfter: string;
  @ApiProperty({ enum: ['valid', 'on_hold', 'revoked'] }) status: string;
  @ApiProperty({ example: 'Valido' }) statusLabel: string;
}

export class MeVpnAccountDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['requested', 'approved', 'issued', 'installed', 'active', 'suspended', 'revoked'] }) state: string;
  @ApiProperty({ example: 'Attivo' }) stateLabel: string;
  @ApiProperty({ example: 'dipendenti' }) profile: string;
  @ApiProperty({ description: 'the VPN login' }) username: string;
  @ApiProperty({ nullable: true, type: MeVpnCertificateDto }) certificate: MeVpnCertificateDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'e.g. keyCompromise: the laptop was reported lost or stolen' }) certificateLostReason:
    string | null;
  @ApiProperty({ nullable: true, type: String }) certificateLostAt: string | null;
  @ApiProperty({ description: 'a certified account on a gateway: the .ovpn can be downloaded' }) profileAvailable: boolean;
  @ApiProperty({ nullable: true, type: String }) profileUrl: string | null;
}

export class MeDto {
  @ApiProperty({ type: MeEmployeeDto }) employee: MeEmployeeDto;
  @ApiProperty({ type: [MeAgreementDto], description: 'newest start first' }) agreements: MeAgreementDto[];
  @ApiProperty({ type: MeSafetyNoticeDto, nullable: true }) safetyNotice: MeSafetyNoticeDto | null;
  @ApiProperty({ type: [MeDeviceDto], description: 'the devices they hold now' }) devices: MeDeviceDto[];
  @ApiProperty({ type: [MeReceiptDto], description: 'their handovers, newest first, each with its receipt' }) receipts: MeReceiptDto[];
  @ApiProperty({ type: [MeVpnAccountDto] }) vpnAccounts: MeVpnAccountDto[];
}
