import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the vpn feature: kind (hence HTTP status) and English default message. */
export const VPN_ERRORS = defineErrors({
  BULK_ONBOARDING_REFUSED: { kind: 'rule', message: '{problems} of {items} items cannot be onboarded; nothing was written' },
  CSR_OR_GENERATED_KEY_REQUIRED: { kind: 'validation', message: 'Give a CSR or ask for a generated key, not both and not neither' },
  DUPLICATE_IN_BATCH: { kind: 'rule', message: 'The same employee and profile appear twice in the batch' },
  EMPLOYEE_HAS_NO_USERNAME: { kind: 'rule', message: 'The employee has no directory username: a VPN account needs one' },
  GATEWAY_CREDENTIAL_NOT_FOUND: { kind: 'not_found', message: 'Gateway {id} has no credential to revoke' },
  GATEWAY_IN_USE: { kind: 'conflict', message: 'Gateway {name} has accounts of profile {profile}: create a new gateway for {profile}' },
  GATEWAY_NAME_TAKEN: { kind: 'conflict', message: 'A gateway named {name} already exists' },
  GATEWAY_NOT_OWN: { kind: 'forbidden', message: 'A gateway credential may act only for its own gateway' },
  INVALID_BUNDLE_OPTION: { kind: 'validation', message: 'The bundle option is not valid' },
  INVALID_GATEWAY_HOST: { kind: 'validation', message: 'The gateway host is not valid' },
  INVALID_GATEWAY_NETWORKS: { kind: 'validation', message: 'The networks of the gateway are not valid' },
  NO_GATEWAY_FOR_PROFILE: { kind: 'rule', message: 'No enabled gateway serves the VPN profile {profile}' },
  STATION_CHANGED: { kind: 'conflict', message: 'The laptop record changed while the certificate was prepared; try again' },
  STATION_NOT_A_LAPTOP: { kind: 'rule', message: 'Asset {assetTag} is a {kind}: station certificates are for laptops' },
  STATION_NOT_FOUND: { kind: 'not_found', message: 'No asset {stationAssetId} in the inventory' },
  STATION_NOT_HELD_BY_EMPLOYEE: { kind: 'rule', message: 'Laptop {assetTag} is not in the hands of this employee (hand it over first)' },
  UNKNOWN_VPN_PROFILE: { kind: 'validation', message: 'Unknown VPN profile {profile}' },
  USERNAME_NOT_USABLE: { kind: 'rule', message: 'The directory username cannot be a certificate name (letters, digits, ".", "_", "@", "-")' },
  VPN_ACCOUNT_CHANGED: { kind: 'conflict', message: 'The VPN account changed meanwhile (another operator?); look at it again' },
  VPN_ACCOUNT_EXISTS: { kind: 'conflict', message: 'The employee already has an open VPN account for profile {profile}' },
  VPN_ACCOUNT_HAS_NO_CERTIFICATE: { kind: 'conflict', message: 'A VPN account in state {state} has no usable certificate: issue one first' },
  VPN_ACCOUNT_NOT_FOUND: { kind: 'not_found', message: 'vpn account {id} does not exist' },
  VPN_ACCOUNT_STATE_CONFLICT: { kind: 'conflict', message: 'A VPN account in state {state} cannot be {action}' },
  VPN_ADDRESS_POOL_EXHAUSTED: { kind: 'rule', message: 'Every address of the pool {pool} of profile {profile} is taken' },
  VPN_CERTIFICATE_NOT_VALID: { kind: 'conflict', message: 'The certificate of this account is no longer valid (revoked or on hold): issue a new one' },
  VPN_GATEWAY_CHANGED: { kind: 'conflict', message: 'The gateway changed meanwhile; look at it again' },
  VPN_GATEWAY_MISSING: { kind: 'conflict', message: 'The gateway of this account no longer exists' },
  VPN_GATEWAY_NOT_FOUND: { kind: 'not_found', message: 'vpn gateway {id} does not exist' },
  VPN_PROFILE_KEY_NOT_STORED: {
    kind: 'conflict',
    message: 'The key of this certificate was handed out once at issuance and is not kept: issue a new certificate to get a profile that carries it',
  },
  VPN_PROFILE_NO_LONGER_CONFIGURED: { kind: 'conflict', message: 'The profile {profile} of this account is no longer configured' },
});

export type VpnErrorCode = keyof typeof VPN_ERRORS;
