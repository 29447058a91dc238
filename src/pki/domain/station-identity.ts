import { ValidationFailed } from '../../common/errors/domain-error';

/** VPN usernames as directories spell them (uid / sAMAccountName / UPN): no spaces, no DN metacharacters. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** Asset tags go into a URN (`urn:asset:<tag>`): URN-safe characters only. */
const ASSET_TAG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A DNS host name (labels of letters, digits and hyphens). */
const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function assertUsername(username: unknown): asserts username is string {
  if (typeof username !== 'string' || !USERNAME.test(username)) {
    throw new ValidationFailed(
      [{ field: 'username', messages: ['1-64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit'] }],
      'The VPN username is not valid',
      'INVALID_USERNAME',
    );
  }
}

export function assertAssetTag(tag: unknown): asserts tag is string {
  if (typeof tag !== 'string' || !ASSET_TAG.test(tag)) {
    throw new ValidationFailed([{ field: 'assetTag', messages: ['1-64 letters, digits, ".", "_" or "-"'] }], 'The asset tag is not valid', 'INVALID_ASSET_TAG');
  }
}

export function assertHostName(name: unknown, field = 'commonName'): asserts name is string {
  if (typeof name !== 'string' || !HOST.test(name)) {
    throw new ValidationFailed([{ field, messages: ['a DNS host name such as vpn1.example.org'] }], 'The host name is not valid', 'INVALID_HOST_NAME');
  }
}
