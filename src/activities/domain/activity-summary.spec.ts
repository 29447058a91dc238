import { buildActivitySummary } from './activity-summary';

describe('activity summary', () => {
  it('counts macro-activities per service, activities by mode, and remote-capable as fully + partially', () => {
    const summary = buildActivitySummary(
      [
        { serviceCode: 'SD', mode: 'fully_remote', activities: 3 },
        { serviceCode: 'SD', mode: 'in_presence', activities: 1 },
        { serviceCode: 'CP', mode: 'partially_remote', activities: 2 },
        { serviceCode: 'CP', mode: 'outsourced', activities: 1 },
      ],
      [
        { serviceCode: 'SD', macroActivities: 2 },
        { serviceCode: 'CP', macroActivities: 1 },
      ],
      new Map([['SD', 'Sistema Informativo']]),
    );
    expect(summary.totals).toEqual({
      macroActivities: 3,
      activities: 7,
      remoteCapable: 5,
      byMode: { in_presence: 1, fully_remote: 3, partially_remote: 2, outsourced: 1 },
    });
    expect(summary.services.map((s) => [s.serviceCode, s.serviceName, s.remoteCapable])).toEqual([
      ['CP', null, 2],
      ['SD', 'Sistema Informativo', 3],
    ]);
  });

  it("states the document's own figures and notes each difference instead of hiding it", () => {
    const summary = buildActivitySummary(
      [
        { serviceCode: 'X', mode: 'fully_remote', activities: 136 },
        { serviceCode: 'X', mode: 'partially_remote', activities: 407 },
        { serviceCode: 'X', mode: 'in_presence', activities: 111 },
        { serviceCode: 'X', mode: 'outsourced', activities: 21 },
      ],
      [{ serviceCode: 'X', macroActivities: 151 }],
      new Map(),
    );
    expect(summary.documentFigures).toMatchObject({ activities: 676, remoteCapable: 544, macroActivities: 151 });
    expect(summary.notes).toEqual([
      'The seed document states 676 activities; the imported activity map has 675 (-1).',
      'The seed document states 544 remote-capable activities; the imported activity map has 543 (-1).',
    ]);
  });
});
