/**
 * Three tiers (STYLE.md §8): unit specs beside the code, integration against real services, e2e over HTTP.
 * ts-jest only transpiles (tsconfig.jest.json: isolatedModules): the types of src, scripts and test are checked
 * once by the lint gate (`tsc -p tsconfig.json --noEmit`, part of every full `npm test`), not again per test file
 * and per worker, which took about twice the time of the tests themselves on a cold cache.
 */
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
/**
 * Integration specs whose subject is a program outside the service (openvpn, nft in network namespaces, the
 * gateway's shell scripts) run in the SQLite pass only: the program sees the same files and answers whichever
 * database the service keeps its records in, and the PostgreSQL pass covers the same decisions over HTTP
 * (test/e2e/vpn/gateway-check.spec.ts, gateway-bundle.spec.ts). They were a third of that pass's integration time.
 */
const EXTERNAL_PROGRAM_SPECS = [
  '/test/integration/vpn/gateway-enforcement\\.spec\\.ts$',
  '/test/integration/vpn/gateway-scripts\\.spec\\.ts$',
  '/test/integration/vpn/nftables-ruleset\\.spec\\.ts$',
  '/test/integration/vpn/openvpn-client-profile\\.spec\\.ts$',
  '/test/integration/vpn/openvpn-generated-key-profile\\.spec\\.ts$',
  '/test/integration/pki/openvpn\\.spec\\.ts$',
];
const onceOnly = process.env.TEST_DB === 'postgres' ? EXTERNAL_PROGRAM_SPECS : [];
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/repo/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...onceOnly],
      setupFiles: ['<rootDir>/test/helpers/jest-env.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'], setupFiles: ['<rootDir>/test/helpers/jest-env.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'], setupFiles: ['<rootDir>/test/helpers/jest-env.ts'] },
    // Faults, fuzzing, the role matrix and several instances (issue 7): real processes from dist/, run once per `npm test`.
    { ...common, displayName: 'hardening', testMatch: ['<rootDir>/test/hardening/**/*.spec.ts'], setupFiles: ['<rootDir>/test/helpers/jest-env.ts'] },
  ],
};
