/**
 * What a purchase is for, and which POLA investment indicator it counts in (seed Part 4, salute economico-finanziaria):
 * "Investimenti in supporti hardware e infrastrutture digitali funzionali al lavoro agile" or "Investimenti in
 * digitalizzazione di servizi, progetti e processi". A closed list: an indicator cannot count a category it does not
 * know. Training is deliberately absent: courses are training records, counted by the training-cost indicator, and
 * listing them here too would count them twice.
 */
export const POLA_INVESTMENT_CATEGORIES = ['hardware_infrastructure', 'digitalisation'] as const;
export type PolaInvestmentCategory = (typeof POLA_INVESTMENT_CATEGORIES)[number];

export const POLA_INVESTMENT_LABELS: Record<PolaInvestmentCategory, string> = {
  hardware_infrastructure: 'Hardware e infrastrutture digitali',
  digitalisation: 'Digitalizzazione di servizi, progetti e processi',
};

interface CategoryInfo {
  label: string;
  pola: PolaInvestmentCategory;
}

const CATEGORIES = {
  servers: { label: 'Server e storage', pola: 'hardware_infrastructure' },
  network_security: { label: 'Rete e sicurezza (gateway VPN, firewall)', pola: 'hardware_infrastructure' },
  end_user_devices: { label: 'Dispositivi per gli utenti non gestiti a lotti', pola: 'hardware_infrastructure' },
  // licences of the tools remote work runs on (VPN clients, remote desktop, collaboration): digital infrastructure
  software_licences: { label: 'Licenze software', pola: 'hardware_infrastructure' },
  cloud_services: { label: 'Servizi cloud (hosting, backup, piattaforme)', pola: 'hardware_infrastructure' },
  digital_services_projects: { label: 'Servizi digitali e progetti (servizi online)', pola: 'digitalisation' },
  process_digitalisation: { label: 'Digitalizzazione dei processi e dematerializzazione', pola: 'digitalisation' },
  digitalisation_consulting: { label: 'Consulenza per la digitalizzazione', pola: 'digitalisation' },
} as const satisfies Record<string, CategoryInfo>;

export type PurchaseCategory = keyof typeof CATEGORIES;
export const PURCHASE_CATEGORIES = Object.keys(CATEGORIES) as PurchaseCategory[];

/** Device purchase lots (laptops, routers, docks, …): always hardware, a line of their own in the totals. */
export const DEVICE_LOTS_LINE = 'device_lots';
export const DEVICE_LOTS_LABEL = 'Lotti di dispositivi (portatili, router, accessori)';

/**
 * The Italian labels of the categories that count in one POLA indicator, device lots first for hardware: what the
 * report's method text says the indicator sums (so the text cannot drift from the mapping).
 */
export function purchaseCategoryLabels(pola: PolaInvestmentCategory): string[] {
  const labels = PURCHASE_CATEGORIES.filter((c) => CATEGORIES[c].pola === pola).map((c) => CATEGORIES[c].label);
  return pola === 'hardware_infrastructure' ? [DEVICE_LOTS_LABEL, ...labels] : labels;
}

export function isPurchaseCategory(value: unknown): value is PurchaseCategory {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATEGORIES, value);
}

export function polaCategoryOf(category: PurchaseCategory | typeof DEVICE_LOTS_LINE): PolaInvestmentCategory {
  return category === DEVICE_LOTS_LINE ? 'hardware_infrastructure' : CATEGORIES[category].pola;
}

export function categoryLabel(category: PurchaseCategory | typeof DEVICE_LOTS_LINE): string {
  return category === DEVICE_LOTS_LINE ? DEVICE_LOTS_LABEL : CATEGORIES[category].label;
}

export interface InvestmentLine {
  category: string;
  count: number;
  cents: number;
}

export interface InvestmentSplit {
  hardwareInfrastructureCents: number;
  digitalisationCents: number;
  lines: InvestmentLine[];
}

/**
 * Sums lines (device lots, then purchases by category) into the two POLA totals. Lines keep the order of the closed
 * list (device lots first), empty categories left out; an unknown category is an error, never silently dropped.
 */
export function splitInvestment(lines: readonly InvestmentLine[]): InvestmentSplit {
  const order = [DEVICE_LOTS_LINE, ...PURCHASE_CATEGORIES] as string[];
  const merged = new Map<string, InvestmentLine>();
  for (const line of lines) {
    if (line.category !== DEVICE_LOTS_LINE && !isPurchaseCategory(line.category)) throw new Error(`unknown purchase category ${line.category}`);
    const known = merged.get(line.category) ?? { category: line.category, count: 0, cents: 0 };
    merged.set(line.category, { category: line.category, count: known.count + line.count, cents: known.cents + line.cents });
  }
  const kept = order.flatMap((c) => {
    const line = merged.get(c);
    return line && line.count > 0 ? [line] : [];
  });
  let hardwareInfrastructureCents = 0;
  let digitalisationCents = 0;
  for (const line of kept) {
    if (polaCategoryOf(line.category as PurchaseCategory | typeof DEVICE_LOTS_LINE) === 'hardware_infrastructure') hardwareInfrastructureCents += line.cents;
    else digitalisationCents += line.cents;
  }
  return { hardwareInfrastructureCents, digitalisationCents, lines: kept };
}
