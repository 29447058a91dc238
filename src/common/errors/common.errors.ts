import { defineErrors } from './error-spec';

/** The error codes of the shared kernel (HTTP plumbing, authentication, CSV import) and the HTTP layer: kind (hence HTTP status) and English default message. */
export const COMMON_ERRORS = defineErrors({
  ALREADY_SIGNED: {
    kind: 'conflict',
    message: 'The {party} has already signed this document',
    it: 'Questo documento è già firmato[ da parte del {party|signedBy}]',
  },
  BAD_REQUEST: { kind: 'validation', message: 'The request could not be read', it: 'La richiesta non può essere letta' },
  CONFLICT: {
    kind: 'conflict',
    message: 'The request conflicts with the current state',
    it: 'La richiesta è in conflitto con la situazione attuale: ricaricare i dati e riprovare',
  },
  CSRF_HEADER_MISSING: {
    kind: 'forbidden',
    message: 'Requests authenticated by the session cookie must send the x-requested-with header',
    it: 'La richiesta è stata bloccata per sicurezza: ricaricare la pagina e riprovare',
  },
  CSV_BODY_REQUIRED: { kind: 'validation', message: 'A CSV body is required', it: 'Manca il file da importare' },
  CSV_LINE_TOO_LONG: {
    kind: 'validation',
    message: 'A line of the file is longer than an import reads',
    it: 'Una riga del file è troppo lunga per essere importata[ (riga {line} del file, al massimo {limit} caratteri)]',
  },
  CSV_MALFORMED: { kind: 'validation', message: 'The CSV cannot be read', it: 'Il file CSV non può essere letto: controllare che sia un file CSV valido' },
  CSV_RECORD_TOO_LONG: {
    kind: 'validation',
    message: 'A record of the file is longer than an import reads',
    it: 'Una voce del file è troppo lunga per essere importata[ (riga {line} del file, al massimo {limit} caratteri)]',
  },
  CSV_TOO_MANY_COLUMNS: {
    kind: 'validation',
    message: 'The file has more columns than an import reads',
    it: 'Il file ha più colonne di quante se ne possano importare[ (riga {line} del file, al massimo {limit} colonne)]',
  },
  DATABASE_UNAVAILABLE: {
    kind: 'unavailable',
    message: 'The database cannot be used right now; nothing was changed. Try again later',
    it: "L'archivio dei dati non è disponibile in questo momento; non è stato modificato nulla. Riprovare più tardi[ (riferimento per l'assistenza: {correlationId})]",
  },
  EMPTY_FILE: { kind: 'validation', message: 'The CSV file is empty or missing', it: 'Il file è vuoto o manca' },
  FORBIDDEN: { kind: 'forbidden', message: 'Your role does not allow this action', it: 'Il tuo ruolo non consente questa operazione' },
  IMPORT_BODY_REQUIRED: {
    kind: 'validation',
    message: 'Send the activity map as the request body with content type text/tab-separated-values, text/csv or text/plain',
    it: 'Manca il file da importare: inviare la mappa delle attività come file CSV, TSV o di testo',
  },
  IMPORT_REJECTED: {
    kind: 'rule',
    message: '{invalidRows} of {dataRows} rows are not valid: nothing was imported',
    it: 'Il file contiene righe non valide[ ({invalidRows} su {rows})]: non è stato importato nulla',
  },
  INTERNAL_ERROR: {
    kind: 'internal',
    message: 'Something went wrong on our side; quote the correlation id when reporting it',
    it: "Si è verificato un errore imprevisto; comunicare all'assistenza il riferimento[ {correlationId}]",
  },
  INVALID_CURSOR: {
    kind: 'validation',
    message: 'The cursor is not valid',
    it: "Il riferimento alla pagina dell'elenco non è valido: ricaricare l'elenco dall'inizio",
  },
  INVALID_ID: { kind: 'validation', message: '{field} is not a valid id', it: 'Il codice identificativo[ indicato in «{field}»] non è valido' },
  MALFORMED_JSON: { kind: 'validation', message: 'The request body is not valid JSON', it: 'I dati inviati non sono leggibili: il formato non è valido' },
  MALFORMED_REQUEST: { kind: 'validation', message: 'The request could not be parsed', it: 'La richiesta non può essere interpretata' },
  METHOD_NOT_ALLOWED: { kind: 'method_not_allowed', message: 'The method is not allowed on this route', it: 'Operazione non consentita su questo indirizzo' },
  NOT_ACCEPTABLE: { kind: 'not_acceptable', message: 'No representation the client accepts', it: 'Il formato di risposta richiesto non è disponibile' },
  NOT_FOUND: { kind: 'not_found', message: 'Not found', it: 'Risorsa non trovata' },
  PAYLOAD_TOO_LARGE: { kind: 'payload_too_large', message: 'The request body is too large', it: 'I dati inviati sono troppo grandi' },
  ROUTE_NOT_FOUND: { kind: 'not_found', message: 'No such route', it: 'Indirizzo non trovato' },
  SERVICE_UNAVAILABLE: {
    kind: 'unavailable',
    message: 'The service is unavailable; try again later',
    it: 'Il servizio non è disponibile; riprovare più tardi',
  },
  TOO_MANY_ATTEMPTS: {
    kind: 'rate_limited',
    message: 'Too many failed attempts; try again later',
    it: 'Troppi tentativi non riusciti; riprovare più tardi[ (tra {retryAfterSeconds} secondi)]',
  },
  TOO_MANY_REQUESTS: { kind: 'rate_limited', message: 'Too many requests; try again later', it: 'Troppe richieste in poco tempo; riprovare più tardi' },
  TOO_MANY_ROWS: { kind: 'validation', message: 'The CSV has too many rows', it: 'Il file ha troppe righe per una sola importazione' },
  UNAUTHENTICATED: { kind: 'unauthenticated', message: 'A valid bearer token is required', it: 'Sessione assente o scaduta: accedere di nuovo' },
  UNPROCESSABLE: { kind: 'rule', message: 'The request cannot be processed', it: 'La richiesta non può essere eseguita' },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: 'unsupported_media_type',
    message: 'The request body has a content type or encoding this route does not read',
    it: 'Il formato dei dati inviati non è tra quelli accettati',
  },
  VALIDATION_FAILED: { kind: 'validation', message: 'The request is not valid', it: 'Alcuni dati non sono validi: controllare i campi indicati' },
});

export type CommonErrorCode = keyof typeof COMMON_ERRORS;
