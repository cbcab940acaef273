import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Most tests run the built CLI as a subprocess on real files, which takes about a second each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
