import * as fs from 'node:fs';
import * as path from 'node:path';

/** The seed tables the demo is built from (copies in scripts/demo/data, see its README). */
export const DEMO_DATA_DIR = path.resolve(__dirname, '..', '..', '..', 'scripts', 'demo', 'data');

function dataDir(): string {
  // Compiled to dist/scripts/demo: the data stays in the source tree.
  for (const candidate of [path.join(__dirname, 'data'), DEMO_DATA_DIR, path.resolve(process.cwd(), 'scripts', 'demo', 'data')]) {
    if (fs.existsSync(path.join(candidate, 'activity-map.tsv'))) return candidate;
  }
  throw new Error('scripts/demo/data/activity-map.tsv not found: run the demo from the repository');
}

export function readDataFile(name: string): string {
  return fs.readFileSync(path.join(dataDir(), name), 'utf8');
}

function rows(name: string): Record<string, string>[] {
  const [header, ...lines] = readDataFile(name)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const cols = header.split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, (cells[i] ?? '').trim()]));
  });
}

export interface HeadcountRow {
  service: string;
  total: number;
  can: number;
  cannot: number;
}

export interface MapService {
  code: string;
  name: string;
  /** activity rows by mode */
  modes: Record<string, number>;
}

export interface ProfileAllocation {
  service: string;
  profile: string;
  category: string;
  employees: number;
}

export interface SeedTables {
  activityMapTsv: string;
  headcount: HeadcountRow[];
  mapServices: MapService[];
  notRemoteProfiles: { profile: string; category: string; employees: number }[];
  allocation: ProfileAllocation[];
}

export function loadSeedTables(): SeedTables {
  const activityMapTsv = readDataFile('activity-map.tsv');
  const services = new Map<string, MapService>();
  for (const r of rows('activity-map.tsv')) {
    const s = services.get(r.service_code) ?? { code: r.service_code, name: r.service, modes: {} };
    s.modes[r.mode] = (s.modes[r.mode] ?? 0) + 1;
    services.set(r.service_code, s);
  }
  return {
    activityMapTsv,
    headcount: rows('headcount-2021-04-01.tsv').map((r) => ({
      service: r.service,
      total: Number(r.total_employees),
      can: Number(r.can_work_remotely),
      cannot: Number(r.cannot_work_remotely),
    })),
    mapServices: [...services.values()],
    notRemoteProfiles: rows('profiles-not-remote-capable.tsv').map((r) => ({
      profile: r.professional_profile,
      category: r.legal_category,
      employees: Number(r.employees_not_remote_capable),
    })),
    allocation: rows('profile-allocation.tsv').map((r) => ({
      service: r.service,
      profile: r.professional_profile,
      category: r.legal_category,
      employees: Number(r.employees),
    })),
  };
}
