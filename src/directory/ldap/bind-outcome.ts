/**
 * Why a directory refused a user's simple bind. Active Directory (and Samba) say it in the diagnostic message of
 * result 49: `80090308: LdapErr: DSID-…, comment: AcceptSecurityContext error, data 533, v1db1`. AD reports the
 * account states (533, 701, 532, 773, 530, 531) only after the password checked out, so telling them apart
 * reveals nothing to someone guessing passwords; 775 (locked) AD reports whatever the password, as it does to
 * anyone who binds to the DC. OpenLDAP's invalid credentials carry no code: `invalid`.
 */
export type BindOutcome = 'ok' | 'invalid' | 'disabled' | 'locked' | 'password_expired' | 'password_must_change' | 'restricted';

const AD_SUBCODES: Record<string, Exclude<BindOutcome, 'ok'>> = {
  '525': 'invalid', // user not found
  '52e': 'invalid', // wrong password
  '530': 'restricted', // not permitted to log on at this time
  '531': 'restricted', // not permitted to log on from this workstation
  '532': 'password_expired',
  '533': 'disabled', // userAccountControl ACCOUNTDISABLE
  '701': 'disabled', // accountExpires has passed
  '773': 'password_must_change', // pwdLastSet = 0
  '775': 'locked', // lockoutTime: too many bad passwords
};

/** The outcome of an invalid-credentials (49) answer from its diagnostic message. Unknown codes: `invalid`. */
export function bindOutcomeOf(message: string | undefined): Exclude<BindOutcome, 'ok'> {
  const code = /\bdata\s+([0-9a-f]{3,4})\b/i.exec(message ?? '')?.[1]?.toLowerCase();
  return (code && AD_SUBCODES[code]) || 'invalid';
}
