import { defineConfig } from 'vitest/config';

// Fast suite: pure core, renderers and CLI processes. The real control plane suite has its own config.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
