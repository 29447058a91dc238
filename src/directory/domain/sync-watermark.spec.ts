import { changeTrackingOf, decideSync, DecisionInput, DirectoryState, identityOf, Watermark } from './sync-watermark';

const DC1 = 'CN=NTDS Settings,CN=DC1,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=comune,DC=test';
const state = (over: Partial<DirectoryState> = {}): DirectoryState => ({
  tracking: 'usn',
  server: DC1,
  invocationId: 'b0bd8414-84d8-45b9-a7b3-5fc8fd88766f',
  highWater: '5000',
  namingContext: 'DC=comune,DC=test',
  ...over,
});
const last: Watermark = { tracking: 'usn', highWater: '4000', identity: identityOf(state()), scope: 'scope-a' };
const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  requested: 'incremental',
  requestedReason: 'asked',
  tracking: 'usn',
  scope: 'scope-a',
  last,
  state: state(),
  ...over,
});

describe('incremental sync decision', () => {
  it('continues from the last USN on the same DC', () => {
    expect(decideSync(input())).toEqual({ kind: 'incremental', since: '4000', reason: 'changes after USN 4000' });
  });

  it('reads everything when asked, and on a first run', () => {
    expect(decideSync(input({ requested: 'full', requestedReason: 'scheduled full reconciliation' }))).toEqual({
      kind: 'full',
      reason: 'scheduled full reconciliation',
    });
    expect(decideSync(input({ last: null })).kind).toBe('full');
  });

  it('reads everything when the USN went backwards (a DC restored from backup)', () => {
    const d = decideSync(input({ state: state({ highWater: '3999' }) }));
    expect(d).toMatchObject({ kind: 'full' });
    expect(d.reason).toMatch(/highestCommittedUSN \(3999\) is below the last run's \(4000\)/);
    // equal is fine: nothing was written since
    expect(decideSync(input({ state: state({ highWater: '4000' }) })).kind).toBe('incremental');
  });

  it('reads everything when another DC answers, or the same DC with a new invocationId', () => {
    expect(decideSync(input({ state: state({ server: DC1.replace('DC1', 'DC2') }) })).reason).toMatch(/a different server answered/);
    expect(decideSync(input({ state: state({ invocationId: '11111111-2222-3333-4444-555555555555' }) })).reason).toMatch(/invocationId changed/);
    expect(decideSync(input({ state: state({ server: null }) })).kind).toBe('full');
  });

  it('reads everything after the scope or the change tracking changed, or without tracking', () => {
    expect(decideSync(input({ scope: 'scope-b' })).reason).toMatch(/filter or attribute mapping changed/);
    expect(decideSync(input({ tracking: 'entryCSN' })).reason).toMatch(/change tracking changed/);
    expect(decideSync(input({ tracking: 'none' })).kind).toBe('full');
  });

  it('continues an OpenLDAP run from its entryCSN on the same database', () => {
    const csn = '20261202164756.814886Z#000000#000#000000';
    const ol = { tracking: 'entryCSN' as const, server: 'deb5d746-82bb-1041-8f2e-b336014b3f20', invocationId: null, highWater: null, namingContext: 'dc=x' };
    const d = decideSync(
      input({ tracking: 'entryCSN', state: ol, last: { tracking: 'entryCSN', highWater: csn, identity: identityOf(ol), scope: 'scope-a' } }),
    );
    expect(d).toEqual({ kind: 'incremental', since: csn, reason: `changes after entryCSN ${csn}` });
  });

  it('takes the profile tracking, else the natural one of the directory', () => {
    expect(changeTrackingOf({ key: { format: 'guid' } })).toBe('usn');
    expect(changeTrackingOf({ key: { format: 'string' } })).toBe('entryCSN');
    expect(changeTrackingOf({ key: { format: 'string' }, changeTracking: 'modifyTimestamp' } as { key: { format: string } })).toBe('modifyTimestamp');
  });
});
