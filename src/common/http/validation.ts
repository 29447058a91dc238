import { ArgumentMetadata, HttpException, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem, ValidationFailed } from '../errors/domain-error';

export function flattenValidationErrors(errors: ValidationError[], parent = '', italian = false): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      const entries = Object.entries(error.constraints);
      out.push({ field, messages: italian ? entries.map(([name, english]) => italianConstraint(name, english)) : entries.map(([, english]) => english) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field, italian));
  }
  return out;
}

/** The DTOs' own @Matches messages, worded in Italian; any other pattern: "il formato non è valido". */
const PATTERNS_IT: [RegExp, (m: RegExpExecArray) => string][] = [
  [/YYYY-MM-DD/, () => 'deve essere una data valida'],
  [/HH:MM-HH:MM/, () => 'il formato non è valido: serve una fascia oraria hh:mm-hh:mm'],
  [/must be (\d+) letters or digits/, (m) => `deve avere ${m[1]} caratteri tra lettere e cifre`],
  [/must be (\d+)-(\d+) letters, digits, - or _/, (m) => `deve avere da ${m[1]} a ${m[2]} caratteri tra lettere, cifre, «-» e «_»`],
  [/(\d+) (?:lower-case )?hex(?:adecimal)? characters/, (m) => `deve avere ${m[1]} caratteri esadecimali (cifre e lettere da a a f)`],
  [/may hold letters, digits, "\.", "_", "@" and "-" only/, () => 'può contenere solo lettere, cifre, «.», «_», «@» e «-»'],
  [/lower-case letters, digits, "_" or "-", at most (\d+)/, (m) => `solo lettere minuscole, cifre, «_» o «-», al massimo ${m[1]} caratteri`],
  [/printable ASCII/, () => 'può contenere solo lettere senza accenti, cifre e punteggiatura'],
  [/profile name/, () => 'deve essere il nome di un profilo VPN'],
];

function italianPattern(english: string): string {
  for (const [pattern, say] of PATTERNS_IT) {
    const m = pattern.exec(english);
    if (m) return say(m);
  }
  return 'il formato non è valido';
}

const LAST_NUMBER = /(-?\d+(?:\.\d+)?)(?!.*\d)/;

/**
 * A class-validator constraint in plain Italian, by its name (the field name stays the API's, shown by the page
 * beside the field). Limits are read from the English text class-validator wrote ("… than or equal to 200 …").
 */
export function italianConstraint(name: string, english: string): string {
  const n = LAST_NUMBER.exec(english)?.[1];
  const list = /one of the following values: (.*)$/.exec(english)?.[1];
  switch (name) {
    case 'isString':
      return 'deve essere un testo';
    case 'isInt':
      return 'deve essere un numero intero';
    case 'isNumber':
      return 'deve essere un numero';
    case 'isBoolean':
      return 'deve essere sì o no';
    case 'isUuid':
      return 'deve essere un codice identificativo valido';
    case 'isIn':
    case 'isEnum':
      return list ? `deve essere uno dei valori ammessi: ${list}` : 'deve essere uno dei valori ammessi';
    case 'min':
      return n ? `deve essere almeno ${n}` : 'è troppo piccolo';
    case 'max':
      return n ? `non può superare ${n}` : 'è troppo grande';
    case 'minLength':
      return n ? `deve avere almeno ${n} caratteri` : 'è troppo corto';
    case 'maxLength':
      return n ? `può avere al massimo ${n} caratteri` : 'è troppo lungo';
    case 'isLength':
      if (/shorter/.test(english)) return n ? `può avere al massimo ${n} caratteri` : 'è troppo lungo';
      return /longer/.test(english) && n && n !== '1' ? `deve avere almeno ${n} caratteri` : 'non può essere vuoto';
    case 'matches':
      return italianPattern(english);
    case 'isCalendarDate':
    case 'isDateString':
      return 'deve essere una data valida';
    case 'isIso8601':
      return 'deve essere una data e un orario validi';
    case 'isEmail':
      return 'deve essere un indirizzo e-mail valido';
    case 'isArray':
      return 'deve essere un elenco';
    case 'arrayMinSize':
    case 'arrayNotEmpty':
      return n && n !== '1' ? `deve contenere almeno ${n} elementi` : 'deve contenere almeno un elemento';
    case 'arrayMaxSize':
      return n ? `può contenere al massimo ${n} elementi` : 'contiene troppi elementi';
    case 'arrayUnique':
      return 'non può contenere elementi ripetuti';
    case 'isNotEmpty':
      return 'non può essere vuoto';
    case 'isDefined':
      return 'è obbligatorio';
    case 'whitelistValidation':
      return 'questo campo non è previsto';
    default:
      return 'il valore non è valido';
  }
}

// NUL (PostgreSQL text cannot hold it) and unpaired surrogates (not text at all).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNREADABLE_IT = 'contiene caratteri che non possono essere letti';
const UNREADABLE = { test: (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s) };

/**
 * The first field holding text no database keeps as sent: PostgreSQL refuses NUL in text (a 500 on a login with
 * "user\u0000", found by the hostile-input test) and both databases would store an unpaired surrogate as U+FFFD.
 */
export function unreadableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNREADABLE.test(value) ? path : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = UNREADABLE.test(k) ? `${path}.${k}` : unreadableText(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A validator that throws instead of answering is refusing hostile input, not failing us: class-validator's
 * IsEmail runs encodeURI, which throws a URIError on an unpaired UTF-16 surrogate ("\ud800" in JSON), and that
 * was a 500. Found by the OpenAPI fuzzer (test/hardening/fuzz-openapi.spec.ts).
 */
class RefusingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const field = unreadableText(value, metadata.data ?? metadata.type);
      if (field) {
        throw new ValidationFailed([{ field, messages: ['contains a NUL character or an unpaired UTF-16 surrogate'] }], undefined, undefined, [
          { field, messages: [UNREADABLE_IT] },
        ]);
      }
    }
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof DomainError || err instanceof HttpException) throw err;
      const field = metadata.data ?? metadata.type;
      throw new ValidationFailed([{ field, messages: ['contains text that cannot be read (such as an unpaired UTF-16 surrogate)'] }], undefined, undefined, [
        { field, messages: [UNREADABLE_IT] },
      ]);
    }
  }
}

/** Bodies and queries: unknown fields refused, every failing field listed in one 400. */
export function createValidationPipe(): ValidationPipe {
  return new RefusingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flattenValidationErrors(errors), undefined, undefined, flattenValidationErrors(errors, '', true)),
  });
}
