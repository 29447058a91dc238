import { bindOutcomeOf } from './bind-outcome';

const ad = (code: string) => `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${code}, v1db1`;

describe('bind outcome', () => {
  it("reads Active Directory's data codes into the closed set", () => {
    expect(bindOutcomeOf(ad('52e'))).toBe('invalid');
    expect(bindOutcomeOf(ad('525'))).toBe('invalid');
    expect(bindOutcomeOf(ad('533'))).toBe('disabled');
    expect(bindOutcomeOf(ad('701'))).toBe('disabled');
    expect(bindOutcomeOf(ad('775'))).toBe('locked');
    expect(bindOutcomeOf(ad('532'))).toBe('password_expired');
    expect(bindOutcomeOf(ad('773'))).toBe('password_must_change');
    expect(bindOutcomeOf(ad('530'))).toBe('restricted');
    expect(bindOutcomeOf(ad('52E'))).toBe('invalid');
  });

  it('treats OpenLDAP messages, unknown codes and no message as invalid credentials', () => {
    expect(bindOutcomeOf('Invalid Credentials')).toBe('invalid');
    expect(bindOutcomeOf(ad('999'))).toBe('invalid');
    expect(bindOutcomeOf(undefined)).toBe('invalid');
    expect(bindOutcomeOf('metadata 533')).toBe('invalid');
  });
});
