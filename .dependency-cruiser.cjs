// The house rules, checked by `npm test` (scripts/check-dependencies.ts runs dependency-cruiser
// with this file). Libraries live in packages/, deployables in services/. Dependencies point
// inward: services → packages → engine; nothing reaches into another package's src/ except through
// its entry points (package.json "exports": src/index.ts, and src/testing.ts for tests).
/** @type {import('dependency-cruiser').IConfiguration} */
const ENTRY = '^(packages|services)/[^/]+/src/(index|testing)[.]ts$';
const TEST_FILE = '([.]test[.]ts|[.]contract[.]ts|/testing/.+|/testing[.]ts)$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties modules (and packages) together so that none can change alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-a-leaf',
      severity: 'error',
      comment: 'The pure engine imports no other package and no service.',
      from: { path: '^packages/engine/' },
      to: { path: '^(packages/(?!engine/)|services/|test/|scripts/)' },
    },
    {
      name: 'analytics-is-pure',
      severity: 'error',
      comment:
        '@sentinel/analytics computes KPIs over rows it is given: no I/O, no Node built-ins, no npm packages; @sentinel/contracts at most. Its test support (DuckDB, files) is exempt.',
      from: { path: '^packages/analytics/', pathNot: TEST_FILE },
      to: { pathNot: '^packages/(analytics|contracts)/' },
    },
    {
      name: 'library-imports-no-service',
      severity: 'error',
      comment: 'A library in packages/ never imports a service: services are deployables.',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'service-imports-no-service',
      severity: 'error',
      comment: 'Services talk through HTTP and events, never through imports.',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'entry-points-only',
      severity: 'error',
      comment:
        'Another package is imported by its name and entry point (package.json exports), never by a path into its src/.',
      from: { path: '^(packages|services)/([^/]+)/' },
      to: { path: '^(packages|services)/', pathNot: ['^$1/$2/', ENTRY] },
    },
    {
      name: 'tests-use-entry-points',
      severity: 'error',
      comment: 'Cross-service suites and scripts import packages and services by entry point too.',
      from: { path: '^(test|scripts)/' },
      to: { path: '^(packages|services)/', pathNot: ENTRY },
    },
    {
      name: 'testing-entry-only-in-tests',
      severity: 'error',
      comment:
        'src/testing.ts (fixtures, fakes, contract suites) is for tests, never for production code.',
      from: { path: '^(packages|services)/', pathNot: TEST_FILE },
      to: { path: '^(packages|services)/[^/]+/src/testing[.]ts$' },
    },
    {
      name: 'production-imports-no-test-support',
      severity: 'error',
      comment: 'Production code never imports the cross-service test support in test/.',
      from: { path: '^(packages|services)/', pathNot: TEST_FILE },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
