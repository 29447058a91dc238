import { PolaIndicatorId } from './pola-types';

/**
 * What the report says about each Part 4 indicator, in Italian: the document's own name (verbatim), how the value is
 * obtained (the "metodo" column), what numerator and denominator count, and where the value comes from. The ids,
 * groups, units and sources are the shared contract (pola-types.ts); this file is only the wording.
 */
export interface PolaCatalogEntry {
  id: PolaIndicatorId;
  name: string;
  method: string;
  numeratorDefinition: string | null;
  denominatorDefinition: string | null;
  sourceDescription: string;
}

const DECLARED = 'Dichiarato dal RTD';
const TRAINING = 'Registro formazione del servizio';
const PURCHASES = 'Acquisti e lotti di fornitura registrati nel servizio';
const HR = "Totali mensili dell'ufficio personale";
const LAST_YEAR = 'nei 12 mesi che terminano alla data di riferimento (31 dicembre, o oggi per l’anno in corso)';
const IN_FORCE = 'dipendenti con un accordo di lavoro agile in vigore alla data di riferimento (firmato da entrambe le parti, non sospeso)';
const declaredPresence = (what: string): Omit<PolaCatalogEntry, 'id' | 'name'> => ({
  method: `Dichiarazione del RTD, con nota di evidenza, sulla presenza ${what} nell’anno`,
  numeratorDefinition: null,
  denominatorDefinition: null,
  sourceDescription: DECLARED,
});
const declaredShare = (numerator: string, denominator: string): Omit<PolaCatalogEntry, 'id' | 'name'> => ({
  method: 'Percentuale dichiarata dal RTD, con nota di evidenza, per l’anno',
  numeratorDefinition: numerator,
  denominatorDefinition: denominator,
  sourceDescription: DECLARED,
});

export const POLA_CATALOG: readonly PolaCatalogEntry[] = [
  {
    id: 'coordination_present',
    name: 'Presenza Coordinamento organizzativo del lavoro agile',
    ...declaredPresence('di un coordinamento organizzativo del lavoro agile'),
  },
  { id: 'monitoring_present', name: 'Presenza Monitoraggio lavoro agile', ...declaredPresence('di un monitoraggio del lavoro agile') },
  { id: 'it_help_desk_present', name: 'Presenza Help desk informatico', ...declaredPresence('di un help desk informatico') },
  { id: 'management_by_objectives_present', name: 'Presenza Programmazione per obiettivi', ...declaredPresence('di una programmazione per obiettivi') },
  {
    id: 'managers_trained_remote_leadership_pct',
    name: "% dirigenti/PO che hanno partecipato a corsi di formazione sulle competenze direzionali in materia di lavoro agile nell'ultimo anno",
    method: `Dirigenti e PO in servizio alla data di riferimento che hanno partecipato ad almeno un corso di tipo "gestione del lavoro agile" ${LAST_YEAR}, sul totale dei dirigenti e PO in servizio`,
    numeratorDefinition: `dirigenti/PO in servizio con almeno una partecipazione a un corso sulla gestione del lavoro agile ${LAST_YEAR}`,
    denominatorDefinition: 'dirigenti/PO (dipendenti con qualifica di responsabile) in servizio alla data di riferimento',
    sourceDescription: TRAINING,
  },
  {
    id: 'remote_workers_trained_remote_work_pct',
    name: "% lavoratori agili che hanno partecipato a corsi di formazione sulle competenze specifiche del lavoro agile nell'ultimo anno",
    method: `Lavoratori agili (accordo in vigore alla data di riferimento) che hanno partecipato ad almeno un corso di tipo "competenze del lavoro agile" ${LAST_YEAR}, compresa la mini-formazione della hot-line (VPN e desktop remoto)`,
    numeratorDefinition: `lavoratori agili con almeno una partecipazione a un corso sulle competenze del lavoro agile ${LAST_YEAR}`,
    denominatorDefinition: IN_FORCE,
    sourceDescription: TRAINING,
  },
  {
    id: 'remote_workers_trained_digital_pct',
    name: "% lavoratori agili che hanno partecipato a corsi di formazione sulle competenze digitali nell'ultimo anno",
    method: `Lavoratori agili (accordo in vigore alla data di riferimento) che hanno partecipato ad almeno un corso di tipo "competenze digitali" ${LAST_YEAR}`,
    numeratorDefinition: `lavoratori agili con almeno una partecipazione a un corso sulle competenze digitali ${LAST_YEAR}`,
    denominatorDefinition: IN_FORCE,
    sourceDescription: TRAINING,
  },
  {
    id: 'remote_work_training_cost_eur',
    name: 'Costi per formazione competenze funzionali al lavoro agile',
    method:
      'Somma dei costi dei corsi di tipo "competenze del lavoro agile" e "gestione del lavoro agile" svolti dal 1° gennaio alla data di riferimento; i corsi di competenze digitali generali non sono compresi (come nella baseline 2020 del piano, pari a 0)',
    numeratorDefinition: 'costo dei corsi sulle competenze e sulla gestione del lavoro agile svolti nell’anno, in euro',
    denominatorDefinition: null,
    sourceDescription: TRAINING,
  },
  {
    id: 'hardware_and_digital_infrastructure_investment_eur',
    name: 'Investimenti in supporti hardware e infrastrutture digitali funzionali al lavoro agile',
    method:
      'Somma, dal 1° gennaio alla data di riferimento, dei lotti di dispositivi consegnati (quantità × prezzo unitario) e degli acquisti delle categorie "hardware e infrastrutture" (server e storage, rete e sicurezza: gateway VPN e firewall, dispositivi non gestiti a lotti, licenze software, servizi cloud)',
    numeratorDefinition: 'importo dei lotti di dispositivi e degli acquisti di hardware e infrastrutture dell’anno, in euro',
    denominatorDefinition: null,
    sourceDescription: PURCHASES,
  },
  {
    id: 'digitalisation_investment_eur',
    name: 'Investimenti in digitalizzazione di servizi, progetti e processi',
    method:
      'Somma, dal 1° gennaio alla data di riferimento, degli acquisti delle categorie "digitalizzazione di servizi, progetti e processi" (sviluppo di servizi online e progetti digitali, digitalizzazione dei processi e dematerializzazione, consulenza per la digitalizzazione)',
    numeratorDefinition: 'importo degli acquisti di digitalizzazione dell’anno, in euro',
    denominatorDefinition: null,
    sourceDescription: PURCHASES,
  },
  {
    id: 'laptops_for_remote_work',
    name: 'N. Pc lavoro agile',
    method:
      'PC portatili del Comune consegnati entro la data di riferimento e non ancora restituiti, persi o rubati, assegnati a dipendenti con un accordo di lavoro agile in vigore',
    numeratorDefinition: 'PC portatili del Comune in uso a lavoratori agili alla data di riferimento',
    denominatorDefinition: null,
    sourceDescription: 'Inventario e consegne del servizio',
  },
  {
    id: 'remote_workers_equipped_with_devices_and_data_pct',
    name: '% lavoratori agili dotati di dispositivi e traffico dati',
    method:
      'Lavoratori agili che alla data di riferimento hanno un PC (del Comune o personale dichiarato) e una connessione dati (router/SIM del Comune o banda larga domestica dichiarata), sul totale dei lavoratori agili',
    numeratorDefinition: 'lavoratori agili con PC e connessione dati alla data di riferimento',
    denominatorDefinition: IN_FORCE,
    sourceDescription: 'Inventario, consegne e dichiarazioni dei dipendenti',
  },
  {
    id: 'vpn_present',
    name: 'Presenza VPN',
    method:
      'Presente quando il servizio gestisce almeno un gateway VPN abilitato (stato attuale dei gateway: per un anno passato il servizio non conserva lo storico e riporta lo stato di oggi)',
    numeratorDefinition: 'gateway VPN abilitati',
    denominatorDefinition: 'gateway VPN registrati',
    sourceDescription: 'Gateway VPN gestiti dal servizio',
  },
  { id: 'intranet_present', name: 'Presenza Intranet', ...declaredPresence('della intranet') },
  { id: 'collaboration_tools_present', name: 'Presenza di sistemi di collaboration', ...declaredPresence('di sistemi di collaboration') },
  {
    id: 'apps_reachable_remotely_pct',
    name: '% applicativi consultabili da remoto',
    ...declaredShare('applicativi consultabili da remoto', 'totale applicativi presenti'),
  },
  {
    id: 'databases_reachable_remotely_pct',
    name: '% banche dati consultabili da remoto',
    ...declaredShare('banche dati consultabili da remoto', 'totale banche dati'),
  },
  {
    id: 'digitalised_processes_pct',
    name: '% processi digitalizzati',
    ...declaredShare('processi digitalizzati', 'totale dei processi digitalizzabili'),
  },
  {
    id: 'effective_remote_workers_pct',
    name: '% lavoratori agili effettivi',
    method:
      'Lavoratori agili effettivi (dipendenti con un accordo in vigore alla data di riferimento) sul totale dei lavoratori potenziali: i dipendenti in servizio alla data di riferimento collegati ad almeno un’attività svolgibile in tutto o in parte da remoto secondo la mappatura delle attività',
    numeratorDefinition: IN_FORCE,
    denominatorDefinition:
      'lavoratori potenziali: dipendenti in servizio alla data di riferimento collegati ad almeno un’attività svolgibile in tutto o in parte da remoto (mappatura delle attività, attività trasversali comprese)',
    sourceDescription: 'Accordi di lavoro agile e mappatura delle attività',
  },
  {
    id: 'remote_work_days_pct',
    name: '% giornate lavoro agile',
    method: 'Giornate in lavoro agile sul totale delle giornate lavorative dell’anno, dai totali mensili per servizio importati dall’ufficio personale',
    numeratorDefinition: 'giornate in lavoro agile (somma dei totali mensili per servizio)',
    denominatorDefinition: 'giornate lavorative (somma dei totali mensili per servizio)',
    sourceDescription: HR,
  },
  {
    id: 'managers_satisfied_pct',
    name: '% dirigenti e PO soddisfatte del lavoro agile dei propri dipendenti',
    method: 'Esito della rilevazione di soddisfazione tra dirigenti e PO, dichiarato dal RTD con nota di evidenza',
    numeratorDefinition: 'dirigenti e PO soddisfatti del lavoro agile dei propri dipendenti',
    denominatorDefinition: 'dirigenti e PO che hanno risposto alla rilevazione',
    sourceDescription: DECLARED,
  },
  {
    id: 'absence_days_pct',
    name: '% Giorni di assenza',
    method: 'Giorni di assenza sul totale delle giornate lavorative dell’anno, dai totali mensili per servizio importati dall’ufficio personale',
    numeratorDefinition: 'giorni di assenza (somma dei totali mensili per servizio)',
    denominatorDefinition: 'giornate lavorative (somma dei totali mensili per servizio)',
    sourceDescription: HR,
  },
];

export function polaCatalogEntry(id: PolaIndicatorId): PolaCatalogEntry {
  const found = POLA_CATALOG.find((e) => e.id === id);
  if (!found) throw new Error(`POLA indicator ${id} has no catalog entry`);
  return found;
}
