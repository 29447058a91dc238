/** OpenVPN client settings shared by every profile (config/vpn.json `client`). */
export interface ClientTemplate {
  /** `data-ciphers`, in order of preference. */
  dataCiphers: string[];
  /** HMAC digest of the data channel when a non-AEAD cipher is negotiated. */
  auth: string;
  tlsVersionMin: '1.2' | '1.3';
  /** `verify-x509-name <gateway host> name`: the gateway's certificate CN must be its host name. */
  verifyServerName: boolean;
  resolvRetry: 'infinite' | number;
  verb: number;
  /** File the profile names for a key made on the laptop (CSR issuance): `{username}` is replaced. */
  keyFileName: string;
  /** Extra directives, one a line (checked at load: no scripts, no plugins, no inline blocks). */
  extraLines: string[];
}

/** The profile as the .ovpn names it: its routes and DNS options are pushed by the gateway, not written here. */
export interface ProfileRef {
  name: string;
}

export interface OpenVpnProfileInput {
  organisation: string;
  username: string;
  gateway: { name: string; host: string; port: number; proto: 'udp' | 'tcp' };
  profile: ProfileRef;
  template: ClientTemplate;
  caPem: string;
  certificatePem: string;
  certificate: { serial: string; notAfter: string };
  key: ProfileKey;
  generatedAt: string;
}

/**
 * Where the OpenVPN client finds the private key. Never in clear: a key made on the laptop (CSR) stays there and
 * the profile names its file; a key the service generated travels only under the one-time password — inside the
 * PKCS#12 (`<pkcs12>`, base64 of the DER file), or, once the certificate was renewed (a PKCS#12 cannot be rebuilt
 * without the password), as encrypted PKCS#8 in `<key>` beside the new `<cert>`. OpenVPN asks for the password
 * when it connects (`--askpass <file>` reads it from a file). `installed`: the copy an employee downloads from
 * their own page carries no key of any kind, only the certificate; the key is where the hot-line installed it.
 */
export type ProfileKey = { kind: 'file' } | { kind: 'installed' } | { kind: 'pkcs12'; base64: string } | { kind: 'encrypted-key'; pem: string };

const block = (tag: string, pem: string) => `<${tag}>\n${pem.trim()}\n</${tag}>`;
const ENCRYPTED_KEY = /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END ENCRYPTED PRIVATE KEY-----\n?$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function keyComment(input: OpenVpnProfileInput): string[] {
  const file = keyFileNameFor(input.template, input.username);
  switch (input.key.kind) {
    case 'file':
      return [
        '# The private key is not in this file: it was made on this laptop with the certificate request and never left it.',
        `# Keep it as ${file} in the folder of this profile (or change the "key" line at the end to where it is).`,
      ];
    case 'installed':
      return [
        '# The private key is not in this file: it is on your laptop, where the hot-line installed it with the profile.',
        `# The "key" line at the end names it as ${file}; ask the hot-line if OpenVPN cannot find it.`,
      ];
    case 'pkcs12':
      return [
        '# The private key, the certificate and the CA are in the <pkcs12> block at the end, encrypted under the one-time',
        '# password given at issuance (the service does not keep it). OpenVPN asks for it when connecting (--askpass <file>).',
      ];
    case 'encrypted-key':
      return [
        '# The private key in the <key> block at the end is encrypted under the one-time password given at issuance',
        '# (the service does not keep it). OpenVPN asks for it when connecting (--askpass <file>).',
      ];
  }
}

function keyBlocks(input: OpenVpnProfileInput): string[] {
  const { key } = input;
  switch (key.kind) {
    case 'file':
    case 'installed':
      return [block('cert', input.certificatePem), `key ${keyFileNameFor(input.template, input.username)}`];
    case 'pkcs12': {
      const b64 = key.base64.replace(/\s+/g, '');
      if (!BASE64.test(b64)) throw new Error('the PKCS#12 of a profile must be base64');
      // OpenVPN takes the certificate from the PKCS#12 and refuses a <cert> beside it
      return [block('pkcs12', b64.replace(/(.{64})/g, '$1\n'))];
    }
    case 'encrypted-key':
      if (!ENCRYPTED_KEY.test(key.pem)) throw new Error('only an encrypted PKCS#8 key may go into a profile');
      return [block('cert', input.certificatePem), block('key', key.pem)];
  }
}

export function keyFileNameFor(template: ClientTemplate, username: string): string {
  return template.keyFileName.replace(/\{username\}/g, username);
}

/**
 * A client profile (.ovpn). No `route` lines and no `route-nopull`: `client` pulls what the gateway pushes when the
 * laptop connects — the account's stable address, the routes of its profile's networks (or `redirect-gateway` for
 * a full tunnel) and the DNS options — so the routes follow config/vpn.json and the gateway record without a new
 * download. Nothing here decides the reach: a route added by hand on the laptop ends at the gateway's firewall.
 */
export function renderOpenVpnProfile(input: OpenVpnProfileInput): string {
  const { gateway, profile, template } = input;
  const lines: string[] = [
    `# ${input.organisation}: VPN profile "${profile.name}" for ${input.username}, gateway ${gateway.name}`,
    `# Station certificate ${input.certificate.serial}, valid until ${input.certificate.notAfter}; generated ${input.generatedAt}`,
    ...keyComment(input),
    'client',
    'dev tun',
    `remote ${gateway.host} ${gateway.port} ${gateway.proto}`,
    `resolv-retry ${template.resolvRetry}`,
    'nobind',
    'persist-key',
    'persist-tun',
    'remote-cert-tls server',
  ];
  if (template.verifyServerName) lines.push(`verify-x509-name ${gateway.host} name`);
  lines.push(`tls-version-min ${template.tlsVersionMin}`, `data-ciphers ${template.dataCiphers.join(':')}`, `auth ${template.auth}`, `verb ${template.verb}`);
  lines.push(...template.extraLines);
  lines.push(block('ca', input.caPem), ...keyBlocks(input));
  return `${lines.join('\n')}\n`;
}

/** Directives a profile file may not carry: they run programs, load code or reach files on the laptop. */
const FORBIDDEN =
  /^(up|down|route-up|route-nopull|route-pre-down|ipchange|client-connect|client-disconnect|learn-address|auth-user-pass-verify|tls-verify|script-security|plugin|config|cd|chroot|daemon|log|log-append|writepid|management|setenv|setenv-safe|iproute|dev-node|<)/i;

/** A reason when an extra line must not go into a profile, null when it may. */
export function extraLineProblem(line: string): string | null {
  const trimmed = line.trim();
  if (!trimmed || trimmed.includes('\n') || trimmed.includes('\r')) return 'one non-empty directive a line';
  if (FORBIDDEN.test(trimmed)) return `directive ${trimmed.split(/\s+/)[0]} is not allowed in a client profile`;
  return null;
}
