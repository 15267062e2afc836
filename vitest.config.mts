import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// type-graphql needs decorator metadata, which esbuild cannot emit: tests compile through swc.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // graphql 16 ships CJS (main) and ESM (module): Node resolves type-graphql's import to the CJS
  // build, Vite would give our code the ESM one, and two graphql instances break instanceof.
  resolve: { alias: { graphql: require.resolve('graphql/index.js') } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Vitest leaves one core free by default: on a 2-core machine that is one file at a time. The
    // suite waits on PostgreSQL and child processes often enough that two at once keep both busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
