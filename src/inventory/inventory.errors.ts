import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the inventory feature: kind (hence HTTP status) and English default message. */
export const INVENTORY_ERRORS = defineErrors({
  ALREADY_WITHDRAWN: { kind: 'conflict', message: 'This declaration was already withdrawn', it: 'Questa dichiarazione è già stata ritirata' },
  ASSET_CHANGED: {
    kind: 'conflict',
    message: 'The asset changed meanwhile; reload it and retry',
    it: 'Il bene è cambiato nel frattempo: ricaricare e riprovare',
  },
  ASSET_NOT_AVAILABLE: {
    kind: 'conflict',
    message: 'Some assets are not on the shelf (assigned, in repair or gone); nothing was handed over',
    it: 'Alcuni beni non sono in magazzino (assegnati, in riparazione o dismessi); non è stato consegnato nulla',
  },
  ASSET_NOT_FOUND: { kind: 'not_found', message: 'Asset {missing} does not exist', it: 'Bene non trovato[: {assetId|assetIds}]' },
  ASSET_NOT_IN_HANDOVER: { kind: 'rule', message: 'Some assets were not handed over in this handover', it: 'Alcuni beni non fanno parte di questa consegna' },
  ASSET_NOT_MUNICIPAL: { kind: 'rule', message: 'Personal devices are not handed over', it: 'I dispositivi personali non si consegnano' },
  DATA_WIPE_REQUIRED: {
    kind: 'rule',
    message: 'Every returned laptop needs a confirmed data wipe (method and confirmation)',
    it: 'Manca la conferma della cancellazione sicura dei dati: ogni portatile restituito la richiede (metodo e conferma)',
  },
  DATA_WIPE_UNEXPECTED: {
    kind: 'validation',
    message: 'A data-wipe entry names an asset not returned',
    it: 'Una cancellazione dei dati indica un bene che non viene restituito',
  },
  DECLARATION_NOT_FOUND: {
    kind: 'not_found',
    message: 'Declaration {declarationId} does not exist for this employee',
    it: 'La dichiarazione[ {declarationId}] non esiste per questo dipendente',
  },
  DISPOSAL_CERTIFICATE_REQUIRED: {
    kind: 'rule',
    message: 'Retirement needs the reference of the erasure/disposal certificate (RAEE)',
    it: 'La dismissione richiede il riferimento del certificato di cancellazione o smaltimento (RAEE)',
  },
  DUPLICATE_ASSET: {
    kind: 'conflict',
    message: 'Another intake registered some of these serials, tags or ICCIDs meanwhile; validate again',
    it: 'Nel frattempo è stato registrato un bene con uno di questi numeri di serie, etichette inventariali o ICCID; ripetere la verifica',
  },
  DUPLICATE_ASSET_IN_KIT: { kind: 'validation', message: 'An asset appears twice in the kit', it: 'Un bene compare due volte nella dotazione' },
  DUPLICATE_ASSET_TAG: {
    kind: 'conflict',
    message: 'Asset tag {assetTag} is already registered',
    it: "L'etichetta inventariale[ {assetTag}] è già registrata",
  },
  DUPLICATE_ICCID: { kind: 'conflict', message: 'This ICCID is already registered', it: 'Questo codice ICCID della SIM è già registrato[ ({iccid})]' },
  DUPLICATE_ITEM: { kind: 'validation', message: 'An asset appears twice in the return', it: 'Un bene compare due volte nella restituzione' },
  DUPLICATE_MODEL: { kind: 'conflict', message: '{manufacturer} {model} is already registered', it: 'Il modello[ {manufacturer} {model}] è già registrato' },
  DUPLICATE_SERIAL: {
    kind: 'conflict',
    message: 'Serial {serial} ({manufacturer}) is already registered',
    it: 'Il numero di serie[ {serial}] è già registrato[ (produttore {manufacturer})]',
  },
  ERASURE_REQUIRED: {
    kind: 'rule',
    message: 'Retiring this kind of device needs the secure-erasure method',
    it: 'Per dismettere questo tipo di dispositivo serve il metodo di cancellazione sicura dei dati',
  },
  HANDOVER_NOT_FOUND: { kind: 'not_found', message: 'Handover {id} does not exist', it: 'La consegna[ {handoverId|id}] non esiste' },
  INVALID_STATE_TRANSITION: {
    kind: 'conflict',
    message: 'An asset {state} cannot be reported {status}',
    it: 'Lo stato attuale del bene non consente questa segnalazione',
  },
  ITEM_ALREADY_CLOSED: {
    kind: 'conflict',
    message: 'Some assets are already back (or were reported lost or stolen)',
    it: 'Alcuni beni sono già rientrati (o sono stati segnalati come smarriti o rubati)',
  },
  LOT_CHANGED: {
    kind: 'conflict',
    message: 'The lot received other assets meanwhile; validate again',
    it: 'Il lotto ha ricevuto altri beni nel frattempo; ripetere la verifica',
  },
  LOT_FULL: {
    kind: 'rule',
    message: 'The lot has already received the {quantity} assets it ordered',
    it: 'Il lotto ha già ricevuto tutti i beni ordinati[ ({quantity})]',
  },
  LOT_NOT_FOUND: { kind: 'not_found', message: 'Purchase lot {lotId} does not exist', it: 'Il lotto di acquisto[ {lotId}] non esiste' },
  LOT_TOO_LARGE: {
    kind: 'rule',
    message: 'A lot exceeds the maximum pieces (POLA 2.5a); give an override reason to register it anyway',
    it: 'Il lotto supera il numero massimo di pezzi (POLA 2.5a); indicare un motivo per registrarlo comunque',
  },
  MODEL_NOT_FOUND: { kind: 'not_found', message: 'Device model {modelId} does not exist', it: 'Il modello di dispositivo[ {modelId}] non esiste' },
  PERSONAL_ASSET: {
    kind: 'rule',
    message: 'A personal device can only be reported lost or stolen (to revoke its certificates)',
    it: 'Un dispositivo personale può essere segnalato solo come smarrito o rubato (per revocarne i certificati)',
  },
  PURCHASE_NOT_FOUND: { kind: 'not_found', message: 'Purchase {purchaseId} does not exist', it: "L'acquisto[ {purchaseId}] non esiste" },
  RECEIPT_NOT_FOUND: { kind: 'not_found', message: 'The receipt of handover {id} is missing', it: 'Manca la ricevuta di questa consegna o restituzione' },
  REPORTED_AT_IN_FUTURE: { kind: 'validation', message: 'ReportedAt is in the future', it: 'La data della segnalazione è nel futuro' },
  RETURN_NOT_FOUND: {
    kind: 'not_found',
    message: 'Return {returnId} of handover {handoverId} does not exist',
    it: 'La restituzione[ {returnId}] non esiste[ per la consegna {handoverId}]',
  },
  SIM_NOT_ALLOWED: { kind: 'validation', message: 'SIM details are only for mobile routers', it: 'I dati della SIM valgono solo per i router mobili' },
  TARGET_NOT_FOUND: {
    kind: 'not_found',
    message: 'No laptop target for {year} in the KPI targets',
    it: "Non è fissato un obiettivo per i portatili[ per l'anno {year}]",
  },
  WRONG_KIND: {
    kind: 'rule',
    message: 'The lot receives {kind}, this model is a {kind}',
    it: 'Il tipo di dispositivo non corrisponde[ (lotto: {lotKind})][ (modello: {modelKind})]',
  },
});

export type InventoryErrorCode = keyof typeof INVENTORY_ERRORS;
