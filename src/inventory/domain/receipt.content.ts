import { DeviceKind, KIND_LABEL_IT } from './device-kind';
import { ReturnCondition } from './return.rules';

/**
 * The text of the handover and return receipts (verbale di consegna / di restituzione), in Italian, as
 * plain data: the PDF renderer only lays it out, and tests can read the words without a PDF.
 */
export interface ReceiptParty {
  fullName: string;
  employeeNumber?: string | null;
  serviceName?: string | null;
}

export interface ReceiptItem {
  kind: DeviceKind;
  manufacturer: string;
  model: string;
  serial: string;
  assetTag: string;
  extra?: string | null;
}

export interface ReceiptTable {
  columns: string[];
  widths: number[];
  rows: string[][];
}

export interface ReceiptSection {
  heading: string;
  paragraphs?: string[];
  table?: ReceiptTable;
  numbered?: string[];
}

export interface ReceiptDocument {
  /** PDF metadata title */
  title: string;
  organisation: string;
  heading: string;
  reference: string;
  sections: ReceiptSection[];
  place: string;
  date: string;
  signatures: { role: string; name: string }[];
}

/** Custody obligations the employee accepts by signing (L. 81/2017 art. 18 c. 2; CCNL Funzioni Locali). */
export const CUSTODY_OBLIGATIONS = [
  "Custodia e uso diligente: il dipendente custodisce le dotazioni con la diligenza del buon padre di famiglia e le utilizza esclusivamente per l'attività lavorativa, nel rispetto delle istruzioni ricevute.",
  'Divieto di cessione a terzi: le dotazioni non possono essere cedute, prestate o date in uso, neppure temporaneamente, a terzi, familiari compresi.',
  "Obbligo di segnalare furto o smarrimento: il furto o lo smarrimento vanno segnalati immediatamente al Sistema Informativo; in caso di furto il dipendente presenta denuncia all'autorità di pubblica sicurezza e ne trasmette copia.",
  'Integrità della configurazione: non è consentito modificare la configurazione, installare software non autorizzato, disattivare le misure di sicurezza o rimuovere le etichette di inventario.',
  'Guasti: malfunzionamenti e danni vanno segnalati tempestivamente; riparazioni e interventi sono eseguiti solo dal Sistema Informativo o da soggetti da questo incaricati.',
  "Protezione dei dati: i dati trattati restano di titolarità dell'Ente e sono trattati nel rispetto del Regolamento (UE) 2016/679 e delle misure di sicurezza dell'Ente.",
  "Restituzione a fine accordo: le dotazioni vanno restituite alla cessazione dell'accordo di lavoro agile o del rapporto di lavoro, o a richiesta dell'Amministrazione, nello stato in cui sono state consegnate salvo il normale deterioramento d'uso.",
];

const CONDITION_IT: Record<ReturnCondition, string> = {
  good: 'Integro',
  worn: "Usurato (normale deterioramento d'uso)",
  damaged: 'Danneggiato: inviato in riparazione',
};

/** 2024-05-07 → 07/05/2024 */
/** The place printed on receipts: "Prato" from "Comune di Prato"; empty for a generic name. */
export function placeOf(municipality: string): string {
  const m = /^Comune di\s+(.+)$/i.exec(municipality.trim());
  return m ? m[1] : '';
}

export function italianDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export function documentNumber(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}

/**
 * The technician as a person reads the name on paper: a browser session's actor is named `web:<token name>`
 * (src/auth/token.service.ts), which stays on the records and the audit but not on a receipt.
 */
export function personName(actorName: string): string {
  return actorName.replace(/^web:/, '').trim() || actorName;
}

function partyLine(p: ReceiptParty): string {
  const bits = [personName(p.fullName)];
  if (p.employeeNumber) bits.push(`matricola ${p.employeeNumber}`);
  if (p.serviceName) bits.push(`servizio ${p.serviceName}`);
  return bits.join(', ');
}

function itemsTable(items: ReceiptItem[], extraColumn?: { title: string; values: string[] }): ReceiptTable {
  const columns = ['Tipo', 'Marca e modello', 'Numero di serie', 'Etichetta inventario'];
  const widths = [0.22, 0.28, 0.25, 0.25];
  const rows = items.map((i) => [KIND_LABEL_IT[i.kind] + (i.extra ? ` (${i.extra})` : ''), `${i.manufacturer} ${i.model}`, i.serial, i.assetTag]);
  if (extraColumn) {
    columns.push(extraColumn.title);
    widths.splice(0, widths.length, 0.18, 0.24, 0.2, 0.18, 0.2);
    rows.forEach((r, i) => r.push(extraColumn.values[i]));
  }
  return { columns, widths, rows };
}

export interface HandoverReceiptInput {
  handoverId: string;
  organisation: string;
  place: string;
  date: string;
  employee: ReceiptParty;
  technician: ReceiptParty;
  items: ReceiptItem[];
  conditions?: string | null;
  notes?: string | null;
}

export function handoverReceipt(input: HandoverReceiptInput): ReceiptDocument {
  const number = documentNumber(input.handoverId);
  const sections: ReceiptSection[] = [
    {
      heading: 'Parti',
      paragraphs: [
        `Consegnatario (dipendente): ${partyLine(input.employee)}.`,
        `Incaricato della consegna (Sistema Informativo): ${partyLine(input.technician)}.`,
        `In data ${italianDate(input.date)} l'incaricato consegna al dipendente, che le riceve per lo svolgimento della prestazione lavorativa in modalità agile, le dotazioni di proprietà dell'Ente elencate di seguito.`,
      ],
    },
    { heading: 'Dotazioni consegnate', table: itemsTable(input.items) },
    {
      heading: 'Condizioni al momento della consegna',
      paragraphs: [input.conditions?.trim() || 'Dotazioni integre e funzionanti, verificate alla presenza del dipendente.'],
    },
  ];
  if (input.notes?.trim()) sections.push({ heading: 'Note', paragraphs: [input.notes.trim()] });
  sections.push({
    heading: 'Obblighi di custodia',
    paragraphs: ['Con la sottoscrizione del presente verbale il dipendente dichiara di aver ricevuto le dotazioni sopra elencate e si impegna a:'],
    numbered: CUSTODY_OBLIGATIONS,
  });
  return {
    title: `Verbale di consegna n. ${number}`,
    organisation: input.organisation,
    heading: 'Verbale di consegna di dotazioni informatiche per il lavoro agile',
    reference: `Verbale n. ${number} del ${italianDate(input.date)}`,
    sections,
    place: input.place,
    date: italianDate(input.date),
    signatures: [
      { role: 'Il dipendente (consegnatario)', name: input.employee.fullName },
      { role: "L'incaricato della consegna", name: personName(input.technician.fullName) },
    ],
  };
}

export interface ReturnReceiptInput {
  returnId: string;
  handoverId: string;
  handoverDate: string;
  organisation: string;
  place: string;
  date: string;
  employee: ReceiptParty;
  technician: ReceiptParty;
  items: (ReceiptItem & { condition: ReturnCondition; note?: string | null })[];
  wipes: { serial: string; assetTag: string; method: string; reference?: string | null }[];
  stillHeld: ReceiptItem[];
  notes?: string | null;
}

export function returnReceipt(input: ReturnReceiptInput): ReceiptDocument {
  const number = documentNumber(input.returnId);
  const sections: ReceiptSection[] = [
    {
      heading: 'Parti',
      paragraphs: [
        `Dipendente che restituisce: ${partyLine(input.employee)}.`,
        `Incaricato del ritiro (Sistema Informativo): ${partyLine(input.technician)}.`,
        `In data ${italianDate(input.date)} il dipendente restituisce le dotazioni elencate di seguito, consegnate con verbale n. ${documentNumber(input.handoverId)} del ${italianDate(input.handoverDate)}.`,
      ],
    },
    {
      heading: 'Dotazioni restituite',
      table: itemsTable(input.items, {
        title: 'Stato alla restituzione',
        values: input.items.map((i) => CONDITION_IT[i.condition] + (i.note ? ` - ${i.note}` : '')),
      }),
    },
  ];
  sections.push({
    heading: 'Cancellazione sicura dei dati',
    paragraphs: input.wipes.length
      ? input.wipes.map(
          (w) =>
            `Computer portatile ${w.assetTag} (n. di serie ${w.serial}): cancellazione dei dati eseguita e confermata con il metodo "${w.method}"${w.reference ? `, riferimento ${w.reference}` : ''}.`,
        )
      : ['Nessuna dotazione restituita contiene dati da cancellare.'],
  });
  sections.push({
    heading: 'Dotazioni che restano in consegna',
    paragraphs: input.stillHeld.length
      ? ['Restano in consegna al dipendente, con gli obblighi di custodia del verbale di consegna:']
      : ['Nessuna: la consegna è interamente chiusa.'],
    ...(input.stillHeld.length ? { table: itemsTable(input.stillHeld) } : {}),
  });
  if (input.notes?.trim()) sections.push({ heading: 'Note', paragraphs: [input.notes.trim()] });
  return {
    title: `Verbale di restituzione n. ${number}`,
    organisation: input.organisation,
    heading: 'Verbale di restituzione di dotazioni informatiche per il lavoro agile',
    reference: `Verbale n. ${number} del ${italianDate(input.date)}`,
    sections,
    place: input.place,
    date: italianDate(input.date),
    signatures: [
      { role: 'Il dipendente', name: input.employee.fullName },
      { role: "L'incaricato del ritiro", name: personName(input.technician.fullName) },
    ],
  };
}
