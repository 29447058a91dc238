import { startTestApp, TestApp } from '../../helpers/test-app';

/**
 * One API style (docs/architecture.md, "API style"), held on the OpenAPI document of every route: lists page with
 * `limit` + `cursor` and answer `{ items, nextCursor }`; actions on a resource answer 200, creations 201.
 */

/** Bounded collections answered whole (catalogues, a record's few children, failed jobs capped by retention). */
const WHOLE_ARRAYS = [
  'GET /api/v1/services',
  'GET /api/v1/models',
  'GET /api/v1/vpn/profiles',
  'GET /api/v1/vpn/gateways',
  'GET /api/v1/tokens',
  'GET /api/v1/employees/{id}/declared-equipment',
  'GET /api/v1/jobs/failed',
];

/** The last path segment of a POST that acts on an existing resource. */
const ACTIONS = [
  'sign',
  'confirm',
  'reject',
  'approve',
  'suspend',
  'resume',
  'revoke',
  'release-hold',
  'withdraw',
  'installed',
  'activate',
  'safety-notice',
  'sweep',
];

interface Schema {
  $ref?: string;
  type?: string;
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

describe('one API style', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  let schemas: Record<string, Schema>;
  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: typeof paths; components: { schemas: typeof schemas } };
    paths = doc.paths;
    schemas = doc.components.schemas;
  });
  afterAll(() => t.close());

  const resolve = (s: Schema): Schema[] => (s.oneOf ? s.oneOf.flatMap(resolve) : s.$ref ? [schemas[s.$ref.replace('#/components/schemas/', '')]] : [s]);
  const operations = (method: string) =>
    Object.entries(paths).flatMap(([path, byMethod]) => (byMethod[method] ? [{ route: `${method.toUpperCase()} ${path}`, path, op: byMethod[method] }] : []));

  it('pages every list with limit and cursor into { items, nextCursor }, and answers only bounded collections whole', () => {
    const lists: string[] = [];
    const arrays: string[] = [];
    for (const { route, path, op } of operations('get')) {
      const schema = op.responses['200']?.content?.['application/json']?.schema;
      if (!schema) continue;
      const shapes = resolve(schema);
      if (shapes.some((s) => s.type === 'array')) arrays.push(route);
      // a collection's route (not one record's, whose `items` may be its lines, as a handover's)
      if (path.endsWith('}') || !shapes.some((s) => s.properties?.items?.type === 'array')) continue;
      lists.push(route);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect({
        route,
        limit: query.includes('limit'),
        cursor: query.includes('cursor'),
        legacy: query.filter((q) => ['offset', 'before'].includes(q)),
      }).toEqual({
        route,
        limit: true,
        cursor: true,
        legacy: [],
      });
      for (const s of shapes) expect({ route, properties: Object.keys(s.properties ?? {}).sort() }).toEqual({ route, properties: ['items', 'nextCursor'] });
    }
    expect(lists).toEqual(
      expect.arrayContaining([
        'GET /api/v1/activities',
        'GET /api/v1/agreements',
        'GET /api/v1/audit/events',
        'GET /api/v1/offboarding/cases',
        'GET /api/v1/directory/sync-runs',
        'GET /api/v1/employees',
        'GET /api/v1/assets',
        'GET /api/v1/handovers',
        'GET /api/v1/lots',
        'GET /api/v1/return-tasks',
        'GET /api/v1/certificates',
        'GET /api/v1/vpn/accounts',
      ]),
    );
    expect(arrays.sort()).toEqual([...WHOLE_ARRAYS].sort());
  });

  it('answers 200 to an action on a resource and 201 only to a creation', () => {
    for (const { route, path, op } of operations('post')) {
      const success = Object.keys(op.responses).filter((code) => code.startsWith('2'));
      expect({ route, success: success.length }).toEqual({ route, success: 1 });
      if (ACTIONS.includes(path.split('/').pop()!)) expect({ route, status: success[0] }).toEqual({ route, status: '200' });
    }
  });
});
