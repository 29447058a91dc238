import type { Client, SearchOptions } from 'ldapts';

/** What the range loop needs of a client: one base search (ldapts's Client, or a fake page in a unit spec). */
export type RangeSearcher = Pick<Client, 'search'>;

const RANGE_KEY = /^(.+);range=(\d+)-(\d+|\*)$/i;

/**
 * Every value of a multi-valued attribute of one entry, through Active Directory's range retrieval: a DC hands
 * out at most MaxValRange values (1,500) of `member` at once and names the slice it sent, `member;range=0-1499`;
 * the client asks for `member;range=1500-*` and so on until a slice ends in `*`. A server that ignores ranges
 * (OpenLDAP, and Samba unless asked) answers the plain attribute with every value, which ends the loop too.
 * `step` asks for slices of that size (tests use it: Samba does not cut by itself). Binary values are not expected.
 */
export async function readAllValues(
  client: RangeSearcher,
  dn: string,
  attribute: string,
  options: { step?: number; maxRounds?: number } = {},
): Promise<string[]> {
  const values: string[] = [];
  const maxRounds = options.maxRounds ?? 10_000;
  let low = 0;
  for (let round = 0; round < maxRounds; round++) {
    const high = options.step ? String(low + options.step - 1) : '*';
    const search: Partial<SearchOptions> = { scope: 'base', attributes: [`${attribute};range=${low}-${high}`] };
    const { searchEntries } = await client.search(dn, search);
    const entry = searchEntries[0];
    if (!entry) return values;
    const wanted = attribute.toLowerCase();
    let sliceEnd: string | null = null;
    let found = false;
    for (const [key, raw] of Object.entries(entry)) {
      if (key === 'dn') continue;
      const m = RANGE_KEY.exec(key);
      const plain = key.toLowerCase() === wanted;
      if (!plain && !(m && m[1].toLowerCase() === wanted)) continue;
      // ldapts also lists the attribute as requested (`member;range=2-3`), empty, beside the slice the DC sent
      if (Array.isArray(raw) && raw.length === 0) continue;
      found = true;
      for (const v of Array.isArray(raw) ? raw : [raw]) values.push(Buffer.isBuffer(v) ? v.toString('utf8') : v);
      if (plain) return values;
      if (Number(m![2]) !== low) throw new Error(`range retrieval of ${attribute}: asked from ${low}, the server answered ${key}`);
      sliceEnd = m![3];
    }
    if (!found || sliceEnd === '*') return values;
    low = Number(sliceEnd) + 1;
  }
  throw new Error(`range retrieval of ${attribute} on ${dn}: more than ${maxRounds} slices`);
}
