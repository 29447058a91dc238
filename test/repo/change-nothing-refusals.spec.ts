import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHANGE_NOTHING } from '../../src/vpn/domain/memo-events';

/**
 * The gateways' connect-check memo passes over the refusals in CHANGE_NOTHING (src/vpn/domain/memo-events.ts) as
 * changes of nothing. That holds only while each is written in a transaction of its own after the refused unit
 * rolled back: every place in src/ that names one of them must hand it to AuditService.recordAlone (directly, or
 * through a helper that does), and the list must name only actions the service writes. A refusal written inside a
 * unit that also changes something must stay off the list.
 */
const root = join(__dirname, '..', '..');
/** Helpers that take the action as an argument and record it alone (revocation.service.ts recordRefusal). */
const RECORDS_ALONE = /\b(recordAlone|recordRefusal)\(/;
/** The one exception, and why: the refused sync's unit writes the run's row (finished, refused) and the event only. */
const WRITTEN_WITH_ITS_RUN = new Set(['directory.sync_refused']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('refusals the connect-check memo passes over are recorded alone', () => {
  const files = sources(join(root, 'src')).map((file) => ({ file: relative(root, file), lines: readFileSync(file, 'utf8').split('\n') }));

  it.each([...CHANGE_NOTHING])('%s', (action) => {
    const uses = files.flatMap(({ file, lines }) =>
      lines.flatMap((line, i) =>
        line.includes(`'${action}'`) && !file.endsWith('memo-events.ts') && !/^\s*(\/\/|\*|')/.test(line) ? [{ file, i, lines }] : [],
      ),
    );
    expect(uses.length).toBeGreaterThan(0);
    for (const { file, i, lines } of uses) {
      // the call that records it opens on this line or up to four lines above (`await this.audit.recordAlone(actor, {`)
      const call = lines.slice(Math.max(0, i - 4), i + 1).join('\n');
      if (WRITTEN_WITH_ITS_RUN.has(action)) expect(`${file}: ${call}`).toMatch(/audit\.record\(tx/);
      else expect(`${file}: ${call}`).toMatch(RECORDS_ALONE);
    }
  });
});
