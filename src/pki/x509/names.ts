import * as forge from 'node-forge';

/** A distinguished name as configuration and callers give it. */
export interface SubjectName {
  CN: string;
  O?: string;
  OU?: string;
  L?: string;
  ST?: string;
  C?: string;
}

const ORDER: (keyof SubjectName)[] = ['C', 'ST', 'L', 'O', 'OU', 'CN'];

/**
 * node-forge attributes for a name, in the conventional most-significant-first order. Every attribute is a
 * UTF8String (CNs such as "Comune di Prato – VPN CA" are not PrintableString) except countryName, which
 * RFC 5280 requires to be a PrintableString.
 */
export function forgeAttributes(name: SubjectName): forge.pki.CertificateField[] {
  const out: forge.pki.CertificateField[] = [];
  for (const key of ORDER) {
    const value = name[key];
    if (value === undefined || value === '') continue;
    out.push({
      shortName: key,
      value,
      valueTagClass: (key === 'C' ? forge.asn1.Type.PRINTABLESTRING : forge.asn1.Type.UTF8) as unknown as forge.asn1.Class,
    });
  }
  return out;
}

/** One-line rendering for logs and views, e.g. `CN=vpn-ca, O=Comune di Prato, C=IT`. */
export function describeName(name: SubjectName): string {
  return [...ORDER]
    .reverse()
    .filter((k) => name[k])
    .map((k) => `${k}=${name[k]}`)
    .join(', ');
}
