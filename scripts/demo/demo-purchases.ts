import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { CreatePurchaseDto } from '../../src/inventory/dto/purchases.dto';
import { PurchasesService } from '../../src/inventory/purchases.service';
import { MARK, TECH } from './demo-state';

type Plan = Omit<CreatePurchaseDto, 'reference' | 'description'> & { key: string; description: string };

const p = (key: string, date: string, category: string, euros: number, supplier: string, description: string): Plan => ({
  key,
  date,
  category,
  amountCents: Math.round(euros * 100),
  supplier,
  description,
});

/**
 * Purchases besides the device lots, one of each kind over 2020-2023. With the lots delivered each year
 * (timeline-model.ts LOTS: 30,000 € in 2020, 100,559 € in 2021, 47,780 € in 2022, 33,510 € in 2023) the two
 * investment indicators land near the plan (Part 4):
 * - hardware and digital infrastructure: 30,000 € (2020, the baseline: lots only), 110,559 € (target 100,000),
 *   50,000 € (target 50,000), 36,000 € (target 20,000: the 2023 laptops alone already pass it);
 * - digitalisation of services, projects and processes: 120,000 €, 170,000 €, 150,000 €, 100,000 € (the targets).
 */
export const DEMO_PURCHASES: readonly Plan[] = [
  p('2020-D1', '2020-06-15', 'digital_services_projects', 68_000, 'Maggioli S.p.A.', 'Sportello telematico per le pratiche SUAP e SUE'),
  p('2020-D2', '2020-09-21', 'process_digitalisation', 38_000, 'Dedagroup S.p.A.', 'Protocollo informatico, gestione documentale e conservazione'),
  p('2020-D3', '2020-11-09', 'digitalisation_consulting', 14_000, 'Studio Rossi & Associati', 'Analisi dei processi da digitalizzare per il lavoro agile'),
  p('2021-H1', '2021-03-08', 'servers', 5_800, 'Italware S.r.l.', 'Server di virtualizzazione per il desktop remoto'),
  p('2021-H2', '2021-05-17', 'network_security', 4_200, 'Italware S.r.l.', 'Secondo gateway VPN e firewall in alta affidabilità'),
  p('2021-D1', '2021-04-12', 'digital_services_projects', 92_000, 'Maggioli S.p.A.', 'Servizi online per i cittadini: istanze, pagamenti pagoPA, accesso SPID'),
  p('2021-D2', '2021-07-05', 'process_digitalisation', 56_000, 'Dedagroup S.p.A.', 'Fascicolo elettronico e firma digitale remota'),
  p('2021-D3', '2021-10-18', 'digitalisation_consulting', 22_000, 'Studio Rossi & Associati', 'Accompagnamento alla reingegnerizzazione dei processi'),
  p('2022-H1', '2022-02-14', 'cloud_services', 2_220, 'Aruba PEC S.p.A.', 'Backup in cloud qualificato ACN (un anno)'),
  p('2022-D1', '2022-03-28', 'digital_services_projects', 80_000, 'Maggioli S.p.A.', 'App del Comune: prenotazioni e certificati online'),
  p('2022-D2', '2022-06-20', 'process_digitalisation', 52_000, 'Dedagroup S.p.A.', 'Digitalizzazione delle pratiche edilizie d’archivio'),
  p('2022-D3', '2022-10-10', 'digitalisation_consulting', 18_000, 'Studio Rossi & Associati', 'Piano di migrazione al cloud (PNRR misura 1.2)'),
  p('2023-H1', '2023-01-16', 'software_licences', 1_490, 'Italware S.r.l.', 'Rinnovo licenze della piattaforma di collaborazione'),
  p('2023-H2', '2023-04-03', 'end_user_devices', 1_000, 'Italware S.r.l.', 'Lettori di smart card per la firma digitale (non gestiti a lotti)'),
  p('2023-D1', '2023-03-13', 'digital_services_projects', 55_000, 'Maggioli S.p.A.', 'Nuovo sito istituzionale secondo il modello AgID'),
  p('2023-D2', '2023-06-26', 'process_digitalisation', 35_000, 'Dedagroup S.p.A.', 'Workflow digitale delle determinazioni e delle delibere'),
  p('2023-D3', '2023-09-25', 'digitalisation_consulting', 10_000, 'Studio Rossi & Associati', 'Assistenza alla migrazione dei servizi in cloud'),
];

/** The reference of a demo purchase: how a second run finds it and skips it. */
const referenceOf = (key: string) => `DEMO-ACQ-${key}`;

/**
 * Records the demo purchases through PurchasesService (validation and audit as in production), the clock at each
 * purchase's date (09:00 UTC, never past `now`). Idempotent: skips purchases whose reference is already there.
 * Returns how many it wrote.
 */
export async function createDemoPurchases(app: INestApplicationContext, clock: FixedClock, now: Date): Promise<number> {
  const rows: { reference: string }[] = await app.get(DataSource).query(`SELECT reference FROM purchases WHERE reference LIKE 'DEMO-ACQ-%'`);
  const done = new Set(rows.map((r) => r.reference));
  const service = app.get(PurchasesService);
  let written = 0;
  for (const { key, ...plan } of [...DEMO_PURCHASES].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    const reference = referenceOf(key);
    if (done.has(reference)) continue;
    clock.set(new Date(Math.min(Date.parse(`${plan.date}T09:00:00.000Z`), now.getTime() - 60_000)));
    await service.create(TECH, { ...plan, description: `${plan.description} (${MARK})`, reference });
    written += 1;
  }
  return written;
}
