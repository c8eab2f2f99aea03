// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the pure engine may not touch: frameworks, cloud SDKs, Node built-ins, the environment. */
const ENGINE_FORBIDDEN_IMPORTS = [
  { group: ['hono', 'hono/*', '@hono/*'], message: 'packages/engine is pure: no HTTP framework.' },
  {
    group: [
      '@google-cloud/*',
      'firebase',
      'firebase/*',
      'firebase-admin',
      'firebase-admin/*',
      'twilio',
    ],
    message: 'packages/engine is pure: no cloud SDK.',
  },
  { group: ['node:*'], message: 'packages/engine is pure: no Node built-ins (I/O, crypto, env).' },
  {
    group: ['@sentinel/*'],
    message: 'The engine is a leaf: it imports no other package and no service.',
  },
];
const NODE_BUILTINS = [
  'fs',
  'path',
  'http',
  'https',
  'crypto',
  'os',
  'net',
  'child_process',
  'process',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
  'dns',
  'tls',
  'zlib',
  'buffer',
  'timers',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'coverage/**',
      '.cache/**',
      '**/dist/**',
      '**/*.d.ts',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      curly: ['error', 'all'],
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['packages/engine/**/*.ts'],
    ignores: ['packages/engine/**/*.test.ts', 'packages/engine/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ENGINE_FORBIDDEN_IMPORTS,
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: 'packages/engine is pure: no Node built-ins.',
          })),
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'packages/engine is pure: configuration comes in as arguments.',
        },
        { name: 'Buffer', message: 'packages/engine is pure.' },
        { name: 'fetch', message: 'packages/engine is pure: no I/O.' },
        { name: 'setTimeout', message: 'packages/engine is pure: no timers.' },
        { name: 'setInterval', message: 'packages/engine is pure: no timers.' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'packages/engine is pure: time comes in as an argument (Clock).',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'packages/engine is pure: randomness comes in through a port.',
        },
        {
          object: 'crypto',
          property: 'randomUUID',
          message: 'packages/engine is pure: ids come in through a port.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'packages/engine is pure: `new Date()` reads the clock; pass time in.',
        },
      ],
    },
  },
  {
    // The behaviour SDK runs in banks' browsers: no Node built-ins, and intervals come from
    // event.timeStamp / the injected clocks, never from the wall clock.
    files: ['packages/behavior-sdk/src/**/*.ts'],
    ignores: ['packages/behavior-sdk/src/**/*.test.ts', 'packages/behavior-sdk/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The behaviour SDK runs in browsers.' }] },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Time intervals come from event.timeStamp or the collector’s `now` clock.',
        },
        { object: 'Math', property: 'random', message: 'Features are deterministic.' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'max-lines': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
