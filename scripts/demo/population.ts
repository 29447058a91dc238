import { Prng } from './prng';
import { SeedTables } from './seed-tables';
import { matchServices, ServiceMatch } from './service-matching';

/** One demo employee: who they are, where, and how they link to the activity map. */
export interface DemoPerson {
  index: number;
  employeeNumber: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  serviceCode: string;
  profile: string;
  category: string;
  isManager: boolean;
  isDirectorGeneral: boolean;
  /** linked to at least one fully/partially remote activity (headcount "can work remotely") */
  eligible: boolean;
  /** activities to link, as positions in the service's activities of that kind (sorted by natural key) */
  remoteActivities: number[];
  otherActivities: number[];
}

export interface Population {
  matches: ServiceMatch[];
  unmatched: string[];
  people: DemoPerson[];
}

const FIRST = [
  'Marco',
  'Giulia',
  'Luca',
  'Francesca',
  'Alessandro',
  'Chiara',
  'Andrea',
  'Sara',
  'Matteo',
  'Elena',
  'Lorenzo',
  'Valentina',
  'Simone',
  'Martina',
  'Davide',
  'Federica',
  'Stefano',
  'Silvia',
  'Riccardo',
  'Laura',
  'Paolo',
  'Alessia',
  'Giovanni',
  'Roberta',
  'Francesco',
  'Monica',
  'Fabio',
  'Elisa',
  'Massimo',
  'Cristina',
  'Daniele',
  'Barbara',
  'Claudio',
  'Serena',
  'Roberto',
  'Ilaria',
  'Antonio',
  'Paola',
  'Gabriele',
  'Anna',
  'Tommaso',
  'Beatrice',
  'Filippo',
  'Caterina',
  'Niccolò',
  'Lucia',
  'Jacopo',
  'Irene',
  'Leonardo',
  'Margherita',
  'Emanuele',
  'Veronica',
  'Pietro',
  'Benedetta',
  'Giacomo',
  'Rita',
];
const LAST = [
  'Rossi',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Mancini',
  'Costa',
  'Giordano',
  'Rizzo',
  'Lombardi',
  'Moretti',
  'Barbieri',
  'Fontana',
  'Santoro',
  'Mariani',
  'Rinaldi',
  'Caruso',
  'Ferrara',
  'Galli',
  'Martini',
  'Leone',
  'Longo',
  'Gentile',
  'Martinelli',
  'Vitale',
  'Lombardo',
  'Serra',
  'Coppola',
  "D'Angelo",
  'Marchetti',
  'Parisi',
  'Villa',
  'Conte',
  'Ferraro',
  'Ferri',
  'Fabbri',
  'Bianco',
  'Marini',
  'Grasso',
  'Valentini',
  'Messina',
  'Sala',
  'Gatti',
  'Pellegrini',
  'Palumbo',
  'Sanna',
  'Farina',
  'Rizzi',
  'Monti',
  'Cattaneo',
  'Morelli',
  'Amato',
  'Silvestri',
  'Mazza',
  'Testa',
  'Grassi',
  'Pellegrino',
  'Carbone',
  'Giuliani',
  'Benedetti',
  'Barone',
  'Rossetti',
  'Caputo',
  'Montanari',
  'Guerra',
  'Palmieri',
  'Bernardi',
  'Martino',
  'Fiore',
  'Ferretti',
  'Bellini',
  'Basile',
  'Riva',
  'Donati',
  'Piras',
  'Vitali',
  'Battaglia',
  'Sartori',
  'Neri',
  'Bartolini',
  'Innocenti',
  'Bardazzi',
  'Cecchi',
  'Fioravanti',
  'Magni',
  'Nesti',
  'Vannucchi',
  'Bini',
  'Mazzoni',
  'Lotti',
  'Pieraccini',
  'Ciampi',
];

/** Profiles of people whose activities can be done remotely, by weight; technical and IT services lean their way. */
const ADMIN_PROFILES: [readonly [string, string], number][] = [
  [['Istruttore Amministrativo', 'C'], 38],
  [['Funzionario amministrativo', 'D'], 20],
  [['Collaboratore amministrativo', 'B'], 16],
  [['Istruttore Direttivo Amministrativo', 'D'], 10],
  [['Esecutore amministrativo', 'B'], 6],
  [['Istruttore tecnico', 'C'], 6],
  [['Funzionario tecnico', 'D'], 4],
];
const TECH_PROFILES: [readonly [string, string], number][] = [
  [['Istruttore tecnico', 'C'], 40],
  [['Funzionario tecnico', 'D'], 30],
  [['Istruttore Amministrativo', 'C'], 20],
  [['Collaboratore amministrativo', 'B'], 10],
];
const IT_PROFILES: [readonly [string, string], number][] = [
  [['Istruttore informatico', 'C'], 45],
  [['Funzionario informatico', 'D'], 35],
  [['Istruttore Amministrativo', 'C'], 20],
];
const TECH_SERVICES = new Set(['PF', 'PG', 'PR', 'SI']);
/** Services large enough to have their own dirigente; the others are countersigned by the Direttore Generale. */
export const MANAGER_MIN_HEADCOUNT = 20;
export const DIRECTOR_GENERAL_SERVICE = 'UA';

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * 927 employees with the headcount of each service: `can` eligible (one dirigente per large service, the
 * Direttore Generale in Direzione Generale), `cannot` with the profiles of profile-allocation.tsv linked to
 * in-presence (or outsourced) activities only. Throws when the tables do not add up.
 */
export function planPopulation(tables: SeedTables, seed = 2021): Population {
  const rng = new Prng(seed);
  const { matches, unmatched } = matchServices(
    tables.headcount.map((h) => h.service),
    tables.mapServices,
  );
  if (unmatched.length) throw new Error(`headcount services without a match in the activity map: ${unmatched.join(', ')}`);
  const codeOf = new Map(matches.map((m) => [m.headcountName, m.code]));
  const modes = new Map(tables.mapServices.map((s) => [s.code, s.modes]));

  const allocationTotal = tables.allocation.reduce((s, a) => s + a.employees, 0);
  const notRemoteTotal = tables.notRemoteProfiles.reduce((s, p) => s + p.employees, 0);
  if (allocationTotal !== notRemoteTotal) throw new Error(`profile allocation (${allocationTotal}) does not match the profiles table (${notRemoteTotal})`);
  for (const p of tables.notRemoteProfiles) {
    const allocated = tables.allocation.filter((a) => a.profile === p.profile).reduce((s, a) => s + a.employees, 0);
    if (allocated !== p.employees) throw new Error(`profile ${p.profile}: ${allocated} allocated, ${p.employees} in the table`);
  }

  const people: DemoPerson[] = [];
  const usernames = new Set<string>();
  const person = (
    serviceCode: string,
    profile: string,
    category: string,
    eligible: boolean,
    flags: { isManager?: boolean; isDirectorGeneral?: boolean } = {},
  ) => {
    const index = people.length + 1;
    const firstName = rng.pick(FIRST);
    const lastName = rng.pick(LAST);
    let username = `${slug(firstName)}.${slug(lastName)}`;
    for (let n = 2; usernames.has(username); n++) username = `${slug(firstName)}.${slug(lastName)}${n}`;
    usernames.add(username);
    const m = modes.get(serviceCode) ?? {};
    const remoteCount = (m.fully_remote ?? 0) + (m.partially_remote ?? 0);
    const presenceCount = m.in_presence ?? 0;
    const outsourcedCount = m.outsourced ?? 0;
    const pickPositions = (count: number, n: number) => rng.sample([...Array(count).keys()], Math.min(count, n)).sort((a, b) => a - b);
    const p: DemoPerson = {
      index,
      employeeNumber: `DEMO-${String(index).padStart(4, '0')}`,
      username,
      firstName,
      lastName,
      email: `${username}@comune.prato.example`,
      serviceCode,
      profile,
      category,
      isManager: flags.isManager ?? false,
      isDirectorGeneral: flags.isDirectorGeneral ?? false,
      eligible,
      remoteActivities: eligible ? pickPositions(remoteCount, rng.int(1, 3)) : [],
      // Eligible people often have an in-presence activity too; the others only in-presence (or outsourced
      // contract management where the service has no in-presence activity).
      otherActivities: eligible ? (rng.next() < 0.4 ? pickPositions(presenceCount, 1) : []) : pickPositions(presenceCount || outsourcedCount, rng.int(1, 2)),
    };
    if (eligible && p.remoteActivities.length === 0) throw new Error(`service ${serviceCode} has no remote-capable activity for an eligible employee`);
    people.push(p);
    return p;
  };

  for (const h of tables.headcount) {
    const code = codeOf.get(h.service)!;
    if (h.can + h.cannot !== h.total) throw new Error(`${h.service}: ${h.can} + ${h.cannot} ≠ ${h.total}`);
    let can = h.can;
    if (code === DIRECTOR_GENERAL_SERVICE) {
      person(code, 'Direttore Generale', 'DIR', true, { isManager: true, isDirectorGeneral: true });
      can--;
    } else if (h.total >= MANAGER_MIN_HEADCOUNT) {
      person(code, 'Dirigente', 'DIR', true, { isManager: true });
      can--;
    }
    const profiles = code === 'SD' ? IT_PROFILES : TECH_SERVICES.has(code) ? TECH_PROFILES : ADMIN_PROFILES;
    for (let i = 0; i < can; i++) {
      const [profile, category] = rng.weighted(profiles);
      person(code, profile, category, true);
    }
    const allocated = tables.allocation.filter((a) => a.service === h.service);
    const cannot = allocated.reduce((s, a) => s + a.employees, 0);
    if (cannot !== h.cannot) throw new Error(`${h.service}: ${cannot} non-remote profiles allocated, headcount says ${h.cannot}`);
    for (const a of allocated) for (let i = 0; i < a.employees; i++) person(code, a.profile, a.category, false);
  }
  return { matches, unmatched, people };
}

const CSV_COLUMNS = [
  'employee_number',
  'first_name',
  'last_name',
  'service_code',
  'username',
  'email',
  'profile',
  'category',
  'is_manager',
  'is_director_general',
];

/** The employee CSV the directory's import reads (semicolons; names may hold apostrophes). */
export function employeeCsv(people: DemoPerson[]): string {
  const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [CSV_COLUMNS.join(';')];
  for (const p of people) {
    lines.push(
      [
        p.employeeNumber,
        p.firstName,
        p.lastName,
        p.serviceCode,
        p.username,
        p.email,
        p.profile,
        p.category,
        p.isManager ? 'true' : 'false',
        p.isDirectorGeneral ? 'true' : 'false',
      ]
        .map(cell)
        .join(';'),
    );
  }
  return lines.join('\n') + '\n';
}
