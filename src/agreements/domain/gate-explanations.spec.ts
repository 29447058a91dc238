import { gateSummaryIt } from './gate-explanations';

describe('the gate summary for the desk', () => {
  it('a refusal names what is refused (gated devices and VPN) and what still goes (webcams, headsets, desk peripherals)', () => {
    const text = gateSummaryIt({ allowed: false, date: '2026-03-10', refusals: ['AGREEMENT_MISSING'] });
    expect(text).toBe(
      "Il dipendente non può ricevere portatili, docking station e router mobili (SIM dati) né l'accesso VPN in data 10/03/2026 (1 motivo). " +
        'Può comunque ricevere monitor, tastiere, mouse, webcam e cuffie.',
    );
    expect(text).not.toMatch(/non può ricevere dispositivi/);
  });

  it('counts the reasons in Italian, and a pass stays one sentence', () => {
    expect(gateSummaryIt({ allowed: false, date: '2026-03-10', refusals: ['A', 'B'] })).toContain('(2 motivi)');
    expect(gateSummaryIt({ allowed: true, date: '2026-03-10', refusals: [] })).toBe('Il dipendente può ricevere dispositivi e accesso VPN in data 10/03/2026.');
  });
});
