import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * OpenAPI names a schema after its class: two DTO classes with one name make @nestjs/swagger document one route
 * with the other's schema ("Duplicate DTO detected", an error in its next major). Found by the load script: the
 * employee import was documented with the asset-intake report.
 */
function dtoFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return dtoFiles(full);
    return /\.ts$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('DTO class names', () => {
  it('are unique across features', () => {
    const src = path.resolve(__dirname, '..', '..');
    const seen = new Map<string, string[]>();
    for (const file of dtoFiles(src)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/export class (\w+Dto)\b/g)) {
        seen.set(m[1], [...(seen.get(m[1]) ?? []), path.relative(src, file)]);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect([...seen].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});
