// @ts-check
'use strict';
/**
 * The lint gate (part of `npm test`): typescript-eslint with type information over src/, scripts/ and test/,
 * the feature-boundary rule over src/, and type-checked page scripts (web/assets, `// @ts-check` + JSDoc, by tsc
 * through tsconfig.web.json). Formatting is Prettier's (`.prettierrc.json`), checked in the same step.
 */
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const featureBoundaries = require('./eslint-rules/feature-boundaries');

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'data/**',
      'web/**',
      'eslint-rules/**',
      'eslint.config.js',
      'jest.config.js',
      'scripts/test/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    plugins: { local: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Nest's DI and decorators pass classes around as values; these rules fight that style without catching bugs.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // An async method that implements an async port may have nothing to await (in-memory stores, fakes).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'local/feature-boundaries': ['error', { srcRoot: 'src' }] },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', 'scripts/bench/**/*.ts', 'scripts/demo/**/*.ts'],
    rules: {
      // Tests, benchmarks and the demo read untyped JSON answers of the service (supertest, fetch).
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
