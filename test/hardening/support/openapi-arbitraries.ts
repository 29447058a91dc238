import fc from 'fast-check';

/**
 * Requests generated from the OpenAPI document: bodies shaped by the schemas (with values that are often valid,
 * often at the edges and sometimes hostile), query parameters from their declared schemas plus junk, path
 * parameters from ids that exist, fresh UUIDs or hostile strings. Plain fast-check arbitraries, sampled with a
 * fixed seed so a run is repeatable.
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  example?: unknown;
  default?: unknown;
}

export interface FuzzRequest {
  path: string;
  query: Record<string, string>;
  /** a JSON value, sent as application/json */
  json?: unknown;
  /** a raw body with its content type */
  raw?: { body: string; contentType: string };
}

/** Strings that have broken services before: injections, traversal, encodings, sizes, lookalikes. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e999',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  "'; DROP TABLE employees; --",
  "' OR '1'='1",
  '%',
  '_',
  '\\',
  '*',
  '*)(uid=*',
  '*)(|(objectClass=*))',
  'admin)(&)',
  '\\2a\\28\\29',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '....//....//package.json',
  '%00',
  'a\u0000b',
  '\r\nSet-Cookie: x=1',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '=cmd|/c calc!A1',
  '\uD800',
  '\u202Egnp.exe',
  'Ｓｅｒｖｉｚｉｏ',
  '🙂'.repeat(50),
  'x'.repeat(5000),
  '2026-02-30',
  '2026-13-01',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  '2026-11-27T25:61:00Z',
  'rwt_' + 'A'.repeat(43),
  '-----BEGIN CERTIFICATE REQUEST-----\nnot base64 !!\n-----END CERTIFICATE REQUEST-----',
  '-----BEGIN CERTIFICATE REQUEST-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END CERTIFICATE REQUEST-----',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
];

export const HOSTILE_NUMBERS = [0, -1, 1, 0.5, -0.0001, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 1e-308];

/** encodeURIComponent that never throws (a lone surrogate goes as the bytes of U+FFFD, as a browser sends it). */
export const percentEncode = (v: string) =>
  [...Buffer.from(v, 'utf8')]
    .map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

const hex = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength, maxLength });

export class RequestArbitraries {
  constructor(
    private readonly doc: OpenApiDocument,
    /** ids and serials that exist in the database: path and body values that reach deep code */
    private readonly pool: string[],
    private readonly samples: { csrPem?: string } = {},
  ) {}

  private resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 10; i++) s = this.doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
    return s;
  }

  hostileString(): fc.Arbitrary<string> {
    return fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 30 }));
  }

  private id(): fc.Arbitrary<string> {
    return this.pool.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...this.pool) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  }

  private stringFor(name: string, s: Schema): fc.Arbitrary<string> {
    const options: fc.WeightedArbitrary<string>[] = [{ weight: 2, arbitrary: this.hostileString() }];
    if (s.example !== undefined)
      options.push({ weight: 3, arbitrary: fc.constant(typeof s.example === 'object' ? JSON.stringify(s.example) : String(s.example as string | number)) });
    if (/id$|Id$|Ids$/.test(name) || s.format === 'uuid') options.push({ weight: 5, arbitrary: this.id() });
    if (/serial/i.test(name)) options.push({ weight: 3, arbitrary: fc.oneof(fc.constantFrom(...this.pool), hex(1, 40)) });
    if (/date|On$|At$|from|to|before/i.test(name) || s.format === 'date' || s.format === 'date-time') {
      options.push({
        weight: 4,
        arbitrary: fc
          .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
          .map((d) => (s.format === 'date-time' || /At$/.test(name) ? d.toISOString() : d.toISOString().slice(0, 10))),
      });
    }
    if (/pem$/i.test(name) && this.samples.csrPem) {
      const csr = this.samples.csrPem;
      options.push({
        weight: 3,
        arbitrary: fc.constantFrom(
          csr,
          csr.replace(/[A-Za-z]/, (c) => (c === 'A' ? 'B' : 'A')),
          csr.slice(0, csr.length / 2),
          csr.replace(/\n/g, '\r\n'),
          `${csr}\n${csr}`,
        ),
      });
    }
    if (/email/i.test(name)) options.push({ weight: 2, arbitrary: fc.emailAddress() });
    if (/(time|band)/i.test(name)) options.push({ weight: 2, arbitrary: fc.constantFrom('09:00-13:00', '25:00-26:00', '13:00-09:00', '9-13') });
    options.push({ weight: 2, arbitrary: fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) }) });
    return fc.oneof(...options);
  }

  value(name: string, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    if (depth > 4) return fc.constant(null);
    const variants: fc.WeightedArbitrary<unknown>[] = [];
    if (s.allOf?.length) return this.value(name, { ...s, allOf: undefined, ...this.resolve(s.allOf[0]) }, depth);
    if (s.oneOf?.length || s.anyOf?.length) return fc.oneof(...(s.oneOf ?? s.anyOf ?? []).map((x) => this.value(name, x, depth + 1)));
    if (s.enum?.length) {
      variants.push({ weight: 6, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: this.hostileString() });
    } else {
      switch (s.type) {
        case 'integer':
        case 'number': {
          const min = s.minimum ?? -1000;
          const max = s.maximum ?? Math.max(min + 1000, 100_000);
          variants.push(
            {
              weight: 5,
              arbitrary:
                s.type === 'integer' || Number.isInteger(min)
                  ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
                  : fc.double({ min, max, noNaN: true }),
            },
            { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
            { weight: 1, arbitrary: fc.constantFrom('12', '1e3', '', 'twelve') },
          );
          break;
        }
        case 'boolean':
          variants.push({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 'yes', 1, 0, 'false') });
          break;
        case 'array':
          variants.push(
            { weight: 6, arbitrary: fc.array(this.value(name, s.items, depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) }) },
            { weight: 1, arbitrary: fc.array(this.value(name, s.items, depth + 1), { minLength: 0, maxLength: 40 }) },
            { weight: 1, arbitrary: this.hostileString() },
          );
          break;
        case 'object':
        case undefined:
          if (s.properties) {
            variants.push({ weight: 8, arbitrary: this.object(s, depth) }, { weight: 1, arbitrary: fc.constantFrom([], 'text', 42, null) });
            break;
          }
          variants.push({ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
          break;
        default:
          variants.push({ weight: 8, arbitrary: this.stringFor(name, s) }, { weight: 1, arbitrary: fc.constantFrom(12, true, null, [], {}) });
      }
    }
    if (s.nullable) variants.push({ weight: 1, arbitrary: fc.constant(null) });
    return fc.oneof(...variants);
  }

  private object(s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const props = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const record = fc.record(
      Object.fromEntries(Object.entries(props).map(([k, v]) => [k, this.value(k, v, depth + 1)])),
      // usually every required key (so validation passes and deeper code runs); sometimes any subset
      { requiredKeys: [] },
    );
    const complete = fc
      .tuple(record, fc.record(Object.fromEntries([...required].filter((k) => props[k]).map((k) => [k, this.value(k, props[k], depth + 1)]))))
      .map(([a, b]) => ({ ...a, ...b }));
    const extra = fc
      .tuple(complete, fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'role', 'id', 'state'), fc.jsonValue({ maxDepth: 1 }))
      .map(([o, k, v]) => {
        const copy: Record<string, unknown> = { ...o };
        Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
        return copy;
      });
    return fc.oneof({ weight: 6, arbitrary: complete }, { weight: 2, arbitrary: record }, { weight: 1, arbitrary: extra });
  }

  /** Every operation that takes a body, a query or a path parameter, with its request arbitrary. */
  request(pathTemplate: string, op: Operation): fc.Arbitrary<FuzzRequest> {
    const names = [...pathTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const pathArb = fc
      .tuple(
        ...names.map((n) =>
          fc
            .oneof({ weight: 5, arbitrary: this.id() }, { weight: 2, arbitrary: this.hostileString() }, { weight: 1, arbitrary: hex(1, 32) })
            .map((v) => ({ n, v })),
        ),
      )
      .map((values) => values.reduce((p, { n, v }) => p.replace(`{${n}}`, percentEncode(v === '' ? ' ' : v)), pathTemplate));
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
    const queryArb = fc
      .tuple(
        ...queryParams.map((p) =>
          fc
            .option(
              this.value(p.name, p.schema).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean))),
              { freq: 2 },
            )
            .map((v) => [p.name, v] as const),
        ),
        fc.option(fc.tuple(fc.constantFrom('unknownParam', 'limit', '__proto__'), this.hostileString()), { freq: 4 }),
      )
      .map((entries) => {
        const q: Record<string, string> = {};
        for (const e of entries) {
          if (!e) continue;
          const [k, v] = e as readonly [string, string | null];
          if (v !== null && v !== undefined) q[k] = v;
        }
        return q;
      });
    const content = op.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const textType = Object.keys(content).find((c) => c.startsWith('text/'));
    let bodyArb: fc.Arbitrary<Pick<FuzzRequest, 'json' | 'raw'>>;
    if (textType) {
      bodyArb = fc.oneof(
        { weight: 3, arbitrary: csvArbitrary().map((body) => ({ raw: { body, contentType: textType } })) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((json) => ({ json })) },
      );
    } else if (jsonSchema) {
      bodyArb = fc.oneof(
        { weight: 8, arbitrary: this.value('body', jsonSchema).map((json) => ({ json })) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('{"a":', '[1,2', 'null', '"just a string"', '{"__proto__":{"role":"admin"}}', '{"a":1,"a":2}')
            .map((body) => ({ raw: { body, contentType: 'application/json' } })),
        },
      );
    } else {
      bodyArb = fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((json) => ({ json })) });
    }
    return fc.tuple(pathArb, queryArb, bodyArb).map(([path, query, body]) => ({ path, query, ...body }));
  }
}

/** CSV/TSV text: plausible headers and rows, broken quoting, formula cells, BOMs, odd separators, binary. */
export function csvArbitrary(): fc.Arbitrary<string> {
  const cell = fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 200)),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('"unterminated', 'a""b', '"x"y"', '=1+1', '@SUM(A1)', 'true', 'sì', '1'),
  );
  const header = fc.constantFrom(
    'employee_number,first_name,last_name,service_code,username',
    'serial,asset_tag,mac',
    'serial',
    'Servizio\tMacro attività\tAttività\tModalità',
    'service_code;activity;mode',
    '',
  );
  const rows = fc.array(
    fc.array(cell, { minLength: 0, maxLength: 6 }).map((cells) => cells.join(',')),
    { maxLength: 6 },
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom('', '\uFEFF'), header, rows, fc.constantFrom('\n', '\r\n', '\r')).map(([bom, h, r, nl]) => bom + [h, ...r].join(nl)),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('a,b\n' + '1,2\n'.repeat(3) + '"', ','.repeat(5000), 'x\n'.repeat(2000)) },
  );
}
