/**
 * The forms of one Active Directory login: `mrossi`, `COMUNE\mrossi` and `mrossi@comune.test` name one person.
 * A prefix or suffix counts only when it is one of the profile's `login.domains` (NetBIOS names and DNS suffixes,
 * case-insensitive after NFKC): `ALTRO\mrossi` is not our mrossi. The text stays as typed apart from NFKC and
 * trimming; case folding is the directory's job when it searches, and the throttle's (loginName) when it counts.
 */
export interface LoginForms {
  /** The account name to look for in the username attribute (sAMAccountName, uid), or null: none applies. */
  account: string | null;
  /** The whole `user@suffix` text, for the UPN attribute (alternative UPN suffixes), or null. */
  upn: string | null;
}

export function loginForms(input: string, domains: string[]): LoginForms {
  const text = input.normalize('NFKC').trim();
  if (domains.length === 0) return { account: text, upn: null };
  const known = new Set(domains.map(fold));
  const slash = text.indexOf('\\');
  if (slash >= 0) {
    const account = text.slice(slash + 1).trim();
    const domain = text.slice(0, slash).trim();
    return { account: known.has(fold(domain)) && account && !account.includes('\\') ? account : null, upn: null };
  }
  const at = text.lastIndexOf('@');
  if (at > 0) {
    const local = text.slice(0, at).trim();
    return { account: known.has(fold(text.slice(at + 1))) && local ? local : null, upn: text };
  }
  return { account: text, upn: null };
}

function fold(s: string): string {
  return s.normalize('NFKC').trim().toUpperCase().toLowerCase();
}
