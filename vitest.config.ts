import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure, no emulators) and `integration` (Firestore + Pub/Sub emulators,
// started by the global setup unless FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST are set).
export default defineConfig({
  test: {
    env: { METADATA_SERVER_DETECTION: 'none' },
    setupFiles: ['./test/support/fail-on-console.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'services/*/src/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'packages/*/src/**/*.int.test.ts',
            'services/*/src/**/*.int.test.ts',
            'services/*/test/**/*.int.test.ts',
            'test/**/*.int.test.ts',
          ],
          exclude: ['**/node_modules/**'],
          globalSetup: ['./test/support/emulators.global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
