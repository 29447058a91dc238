import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * publiccode.yml (Developers Italia catalogue, CAD art. 69) held to the keys the published standard (0.4, core and
 * the Italian extension 1.0) marks as required, and to what the repository itself says (licence, version).
 */
const root = join(__dirname, '..', '..');
const doc = parse(readFileSync(join(root, 'publiccode.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; license: string };

const DEVELOPMENT_STATUS = ['concept', 'development', 'beta', 'stable', 'obsolete'];
const SOFTWARE_TYPE = [
  'standalone/mobile',
  'standalone/iot',
  'standalone/desktop',
  'standalone/web',
  'standalone/backend',
  'standalone/other',
  'addon',
  'library',
  'configurationFiles',
];
const MAINTENANCE_TYPE = ['internal', 'contract', 'community', 'none'];

describe('publiccode.yml', () => {
  it('has every top-level key the standard requires', () => {
    for (const key of [
      'publiccodeYmlVersion',
      'name',
      'url',
      'platforms',
      'developmentStatus',
      'softwareType',
      'description',
      'legal',
      'maintenance',
      'localisation',
    ]) {
      expect({ key, present: doc[key] !== undefined }).toEqual({ key, present: true });
    }
    expect(doc.publiccodeYmlVersion).toMatch(/^0\.\d+$/);
    expect(() => new URL(doc.url)).not.toThrow();
    expect(Array.isArray(doc.platforms) && doc.platforms.length).toBeGreaterThan(0);
    expect(DEVELOPMENT_STATUS).toContain(doc.developmentStatus);
    expect(SOFTWARE_TYPE).toContain(doc.softwareType);
  });

  it('describes the software in Italian within the lengths the standard sets', () => {
    expect(doc.description.it).toBeDefined();
    for (const [, d] of Object.entries<any>(doc.description)) {
      expect(typeof d.shortDescription).toBe('string');
      expect(d.shortDescription.trim().length).toBeLessThanOrEqual(150);
      expect(d.longDescription.trim().length).toBeGreaterThanOrEqual(150);
      expect(d.longDescription.length).toBeLessThanOrEqual(10000);
      expect(d.features.length).toBeGreaterThan(0);
      for (const f of d.features) expect(f.length).toBeLessThanOrEqual(100);
    }
  });

  it('declares the licence and version the repository has', () => {
    expect(doc.legal.license).toBe(pkg.license);
    expect(readFileSync(join(root, 'LICENSE'), 'utf8').split('\n')[0]).toBe('EUROPEAN UNION PUBLIC LICENCE v. 1.2');
    expect(doc.softwareVersion).toBe(pkg.version);
    expect(doc.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('names maintenance, contacts and languages', () => {
    expect(MAINTENANCE_TYPE).toContain(doc.maintenance.type);
    if (['internal', 'community'].includes(doc.maintenance.type)) expect(doc.maintenance.contacts[0].name).toBeTruthy();
    expect(typeof doc.localisation.localisationReady).toBe('boolean');
    expect(doc.localisation.availableLanguages).toContain('it');
  });

  it('fills the Italian extension', () => {
    expect(doc.it.countryExtensionVersion).toBe('1.0');
    expect(doc.it.riuso.codiceIPA).toMatch(/^[a-z0-9_]+$/);
  });
});

describe('CHANGELOG.md', () => {
  it('has a section for the version package.json declares', () => {
    const text = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    expect(text).toMatch(new RegExp(`^## \\[?${pkg.version.replace(/\./g, '\\.')}\\]?`, 'm'));
  });
});
