import { defineConfig } from 'vitest/config';

// Release suite: builds `npm run release` once (global setup) and installs what it made the way
// users do: krew (built from its Go module), npm from the packed tarball, the executables
// themselves (linux/arm64 under qemu-user). SVC_EXPLAIN_RELEASE_DIR=release reuses a finished build.
export default defineConfig({
  test: {
    include: ['test/release/**/*.test.ts'],
    globalSetup: ['test/release/global-setup.ts'],
    hookTimeout: 900_000,
    testTimeout: 180_000,
    fileParallelism: false,
  },
});
