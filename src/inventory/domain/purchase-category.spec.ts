import {
  categoryLabel,
  DEVICE_LOTS_LINE,
  isPurchaseCategory,
  polaCategoryOf,
  PURCHASE_CATEGORIES,
  purchaseCategoryLabels,
  splitInvestment,
} from './purchase-category';

describe('purchase categories and the two POLA investment indicators', () => {
  it('maps every category to one of the two indicators, with an Italian label', () => {
    expect(PURCHASE_CATEGORIES.filter((c) => polaCategoryOf(c) === 'hardware_infrastructure')).toEqual([
      'servers',
      'network_security',
      'end_user_devices',
      'software_licences',
      'cloud_services',
    ]);
    expect(PURCHASE_CATEGORIES.filter((c) => polaCategoryOf(c) === 'digitalisation')).toEqual([
      'digital_services_projects',
      'process_digitalisation',
      'digitalisation_consulting',
    ]);
    expect(polaCategoryOf(DEVICE_LOTS_LINE)).toBe('hardware_infrastructure');
    expect(categoryLabel('network_security')).toBe('Rete e sicurezza (gateway VPN, firewall)');
    for (const c of PURCHASE_CATEGORIES) expect(categoryLabel(c)).toMatch(/^[A-Z]/);
    expect(purchaseCategoryLabels('digitalisation')).toEqual([
      'Servizi digitali e progetti (servizi online)',
      'Digitalizzazione dei processi e dematerializzazione',
      'Consulenza per la digitalizzazione',
    ]);
    expect(purchaseCategoryLabels('hardware_infrastructure')[0]).toMatch(/^Lotti di dispositivi/);
    expect(purchaseCategoryLabels('hardware_infrastructure')).toHaveLength(6);
  });

  it('knows only its closed list (no training: that is the training-cost indicator)', () => {
    expect(isPurchaseCategory('servers')).toBe(true);
    expect(isPurchaseCategory('training')).toBe(false);
    expect(isPurchaseCategory('toString')).toBe(false);
    expect(isPurchaseCategory(DEVICE_LOTS_LINE)).toBe(false);
  });

  it('a year with laptops lots, a firewall, licences and an online service: hardware and digitalisation apart', () => {
    const split = splitInvestment([
      { category: 'digital_services_projects', count: 1, cents: 9_200_000 },
      { category: 'network_security', count: 2, cents: 420_000 },
      { category: DEVICE_LOTS_LINE, count: 7, cents: 10_055_900 },
      { category: 'software_licences', count: 1, cents: 149_000 },
      { category: 'servers', count: 0, cents: 0 },
    ]);
    expect(split.hardwareInfrastructureCents).toBe(10_055_900 + 420_000 + 149_000);
    expect(split.digitalisationCents).toBe(9_200_000);
    expect(split.lines.map((l) => l.category)).toEqual([DEVICE_LOTS_LINE, 'network_security', 'software_licences', 'digital_services_projects']);
  });

  it('a year with nothing bought is two zeros and no lines', () => {
    expect(splitInvestment([])).toEqual({ hardwareInfrastructureCents: 0, digitalisationCents: 0, lines: [] });
  });

  it('merges repeated lines and refuses a category it does not know', () => {
    expect(
      splitInvestment([
        { category: 'servers', count: 1, cents: 100 },
        { category: 'servers', count: 2, cents: 250 },
      ]).lines,
    ).toEqual([{ category: 'servers', count: 3, cents: 350 }]);
    expect(() => splitInvestment([{ category: 'training', count: 1, cents: 1 }])).toThrow('unknown purchase category training');
  });
});
