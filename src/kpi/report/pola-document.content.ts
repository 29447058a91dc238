import type { IndicatorResult } from '../domain/pola-report';
import { POLA_GROUPS, PolaGroupId, PolaIndicator, PolaIndicatorId } from '../domain/pola-types';
import type { SeriesDto } from '../dto/kpi.dto';
import type { PolaReport } from '../pola.service';
import { itDate, itDateIn, itDateTime, SOURCE_DESCRIPTIONS, STATUS_LABELS, valueText } from './pola-document.format';

/** What the three documents are made of: the year's report, the yearly series of the charts, who publishes it. */
export interface PolaDocumentInput {
  /** MUNICIPALITY_NAME, e.g. "Comune di Prato" */
  municipality: string;
  /** TIMEZONE: the generation time is written in it */
  timeZone: string;
  report: PolaReport;
  /** KpiService.series(first configured year, report year): laptops, equipped workers, investment per year */
  series: SeriesDto;
}

export const documentTitle = (year: number) => `Monitoraggio del Piano Organizzativo del Lavoro Agile (POLA) - anno ${year}`;
export const documentFileName = (year: number, ext: 'pdf' | 'xlsx' | 'csv') => `indicatori-pola-${year}.${ext}`;

/** Italian names of the service's own indicators that are not in Part 4 (the API's definitions are in English). */
export const OPERATIONAL_NAMES: Record<string, string> = {
  laptops_for_remote_work: 'Portatili per il lavoro agile',
  remote_workers_equipped_with_devices_and_data_pct: '% lavoratori agili dotati di dispositivi e traffico dati',
  hardware_and_digital_infrastructure_investment_eur: 'Investimento in hardware (lotti consegnati)',
  equipment_distributed: "Dotazioni consegnate nell'anno (portatili, webcam, cuffie)",
  agreements_in_force_vs_eligible_pct: '% accordi in vigore sui dipendenti idonei al lavoro agile',
  vpn_accounts_open: 'Account VPN aperti (non revocati)',
  vpn_gateway_expected_load_pct: '% carico atteso dei gateway VPN sulla capacità',
  certificates_expiring_within_30_days: 'Certificati in scadenza entro 30 giorni',
  crl_age_hours: 'Età della lista di revoca (CRL) pubblicata, in ore',
  crl_hours_to_next_update: 'Ore al prossimo aggiornamento della CRL',
  leavers_holding_equipment: 'Dipendenti cessati che detengono ancora dotazioni comunali',
};

export const operationalName = (i: IndicatorResult): string => OPERATIONAL_NAMES[i.id] ?? i.definition;

export const OPERATIONAL_STATUS: Record<string, string> = { met: 'raggiunto', on_track: 'in linea', behind: 'in ritardo' };

export interface DocumentGroup {
  id: PolaGroupId;
  /** `Condizioni abilitanti del lavoro agile - Salute organizzativa` */
  heading: string;
  dimension: string;
  factor: string | null;
  indicators: PolaIndicator[];
}

/** The report's groups in the document's order, each with its indicators (falls back to the contract's groups). */
export function documentGroups(report: PolaReport): DocumentGroup[] {
  const groups = report.groups.length ? report.groups : POLA_GROUPS.map((g) => ({ ...g, indicators: [] as PolaIndicatorId[] }));
  return groups.map((g) => {
    const listed = g.indicators.length ? g.indicators : report.indicators.filter((i) => i.group === g.id).map((i) => i.id);
    return {
      id: g.id,
      heading: g.factor ? `${g.dimension} - ${g.factor}` : g.dimension,
      dimension: g.dimension,
      factor: g.factor,
      indicators: listed.map((id) => report.indicators.find((i) => i.id === id)).filter((i): i is PolaIndicator => Boolean(i)),
    };
  });
}

export interface DeclaredNote {
  indicator: PolaIndicator;
  value: string;
  note: string;
  by: string;
  /** gg/mm/aaaa */
  on: string;
}

export interface DocumentNotes {
  declared: DeclaredNote[];
  /** Indicators without a value: the reason (the indicator's note, or the status). */
  withoutData: { indicator: PolaIndicator; reason: string }[];
  /** Notes on indicators that do have a value (e.g. HR totals for 10 months out of 12). */
  other: { indicator: PolaIndicator; note: string }[];
}

export function documentNotes(input: PolaDocumentInput): DocumentNotes {
  const { indicators } = input.report;
  return {
    declared: indicators
      .filter((i) => i.declared)
      .map((i) => ({
        indicator: i,
        value: valueText(i.unit, i.value),
        note: i.declared!.note,
        by: i.declared!.declaredBy,
        on: itDateIn(i.declared!.declaredAt, input.timeZone),
      })),
    withoutData: indicators.filter((i) => !i.value).map((i) => ({ indicator: i, reason: i.note ?? `Nessun valore (${STATUS_LABELS[i.status]})` })),
    other: indicators.filter((i) => i.value && i.note).map((i) => ({ indicator: i, note: i.note! })),
  };
}

/** The cover's lines. */
export function coverLines(input: PolaDocumentInput): { label: string; value: string }[] {
  const r = input.report;
  return [
    { label: 'Anno di riferimento', value: String(r.year) },
    { label: 'Data di riferimento', value: `${itDate(r.referenceDate)}${r.current ? ' (anno in corso: situazione a oggi)' : ''}` },
    { label: 'Generato il', value: itDateTime(r.generatedAt, input.timeZone) },
  ];
}

/** The denominator of effective remote workers, said once: "Lavoratori potenziali: …". */
function potentialWorkers(definition: string): string {
  const bare = definition.replace(/^lavoratori potenziali\s*[:(-]?\s*/i, '');
  return `Lavoratori potenziali: ${bare}${bare.endsWith('.') ? '' : '.'}`;
}

/** The "Metodo" page: paragraphs in order (heading, text). */
export function methodSections(input: PolaDocumentInput): { heading: string; paragraphs: string[] }[] {
  const r = input.report;
  const effective = r.indicators.find((i) => i.id === 'effective_remote_workers_pct');
  const count = (s: keyof typeof SOURCE_DESCRIPTIONS) => r.indicators.filter((i) => i.source === s).length;
  return [
    {
      heading: 'Fonti dei valori',
      paragraphs: [
        `Ogni indicatore indica nella colonna "Fonte" come il valore è stato ottenuto:`,
        `- ${SOURCE_DESCRIPTIONS.computed} (${count('computed')} indicatori): ricavato dai registri del servizio (dotazioni, accordi di lavoro agile, acquisti, formazione, gateway VPN) alla data di riferimento;`,
        `- ${SOURCE_DESCRIPTIONS.declared} (${count('declared')} indicatori): inserito dal Responsabile per la Transizione Digitale con una nota di evidenza, datata e registrata nel registro di audit; le note sono riportate in fondo al documento;`,
        `- ${SOURCE_DESCRIPTIONS.imported} (${count('imported')} indicatori): calcolato dai totali mensili per servizio (giornate lavorative, di lavoro agile e di assenza) esportati dal sistema presenze; nessun dato per singola persona.`,
      ],
    },
    {
      heading: 'Data di riferimento',
      paragraphs: [
        r.current
          ? `L'anno ${r.year} è in corso: i valori descrivono la situazione al ${itDate(r.referenceDate)} e lo stato confronta il valore con la quota dell'obiettivo attesa a quella data.`
          : `I valori descrivono la situazione al ${itDate(r.referenceDate)}; le somme annuali (costi e investimenti) vanno dal 1° gennaio a quella data. "Nell'ultimo anno" indica i 12 mesi che terminano alla data di riferimento.`,
        'Baseline e obiettivi sono riportati come il piano li scrive ("si", "n.d", "<18%", "Attivare rilevazione"); un obiettivo vuoto indica che il piano non ne fissa uno per l\'anno.',
      ],
    },
    {
      heading: 'Lavoratori potenziali',
      paragraphs: [effective ? `${effective.name}: ${effective.method}.` : 'Indicatore non presente nel rapporto.'].concat(
        effective?.denominatorDefinition ? [potentialWorkers(effective.denominatorDefinition)] : [],
      ),
    },
    {
      heading: 'Stato',
      paragraphs: [
        "raggiunto: il valore soddisfa l'obiettivo; in linea: non ancora, ma è dove una retta dalla baseline all'obiettivo lo vuole alla data di riferimento; in ritardo: sotto quella retta; non raggiunto: obiettivo di presenza o di soglia non soddisfatto a fine anno; senza obiettivo: il piano non fissa un valore per l'anno (o scrive \"n.d\"); azione richiesta: il piano chiede un'azione (es. attivare una rilevazione) e nessun valore mostra che è stata svolta; dati mancanti: c'è un obiettivo ma nessun valore.",
      ],
    },
  ];
}
