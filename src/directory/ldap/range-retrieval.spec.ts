import type { SearchOptions, SearchResult } from 'ldapts';
import { RangeSearcher, readAllValues } from './range-retrieval';

/** A fake DC that cuts `member` into slices of `max` values, as Windows AD does with MaxValRange. */
function fakeDc(members: string[], max: number, log: string[]): RangeSearcher {
  return {
    search: async (dn: string, options?: Partial<SearchOptions>): Promise<SearchResult> => {
      const asked = options?.attributes?.[0] ?? '';
      log.push(asked);
      const m = /^member;range=(\d+)-(\d+|\*)$/.exec(asked)!;
      const low = Number(m[1]);
      const wantedHigh = m[2] === '*' ? Infinity : Number(m[2]);
      const high = Math.min(wantedHigh, low + max - 1, members.length - 1);
      const last = high >= members.length - 1;
      const key = `member;range=${low}-${last ? '*' : high}`;
      // as ldapts hands it over: the slice sent, and the attribute as asked, empty, when the DC renamed it
      const entry: Record<string, string | string[]> = { dn, [key]: members.slice(low, high + 1) };
      if (key !== asked) entry[asked] = [];
      return { searchEntries: [entry as SearchResult['searchEntries'][number]], searchReferences: [] };
    },
  };
}

describe('range retrieval', () => {
  const members = Array.from({ length: 3200 }, (_, i) => `CN=u${i},OU=People,DC=comune,DC=test`);

  it('follows member;range=… slices until the one that ends in *', async () => {
    const log: string[] = [];
    const values = await readAllValues(fakeDc(members, 1500, log), 'CN=big,DC=comune,DC=test', 'member');
    expect(values).toEqual(members);
    expect(log).toEqual(['member;range=0-*', 'member;range=1500-*', 'member;range=3000-*']);
  });

  it('asks for slices of the given step', async () => {
    const log: string[] = [];
    expect(await readAllValues(fakeDc(members.slice(0, 5), 1500, log), 'CN=g', 'member', { step: 2 })).toEqual(members.slice(0, 5));
    expect(log).toEqual(['member;range=0-1', 'member;range=2-3', 'member;range=4-5']);
  });

  it('ends on a plain attribute (a server without ranges), an empty attribute or a missing entry', async () => {
    const plain: RangeSearcher = { search: async (dn: string) => ({ searchEntries: [{ dn, member: ['a', 'b'] }], searchReferences: [] }) };
    expect(await readAllValues(plain, 'CN=g', 'member')).toEqual(['a', 'b']);
    const empty: RangeSearcher = { search: async (dn: string) => ({ searchEntries: [{ dn }], searchReferences: [] }) };
    expect(await readAllValues(empty, 'CN=g', 'member')).toEqual([]);
    const none: RangeSearcher = { search: async () => ({ searchEntries: [], searchReferences: [] }) };
    expect(await readAllValues(none, 'CN=g', 'member')).toEqual([]);
  });

  it('refuses a slice that does not start where it asked (no endless loop)', async () => {
    const stuck: RangeSearcher = {
      search: async (dn: string) => ({ searchEntries: [{ dn, 'member;range=0-1': ['a', 'b'] }], searchReferences: [] }),
    };
    await expect(readAllValues(stuck, 'CN=g', 'member')).rejects.toThrow(/asked from 2/);
  });
});
