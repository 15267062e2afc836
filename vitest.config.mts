import swc from 'unplugin-swc';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The files that take a minute or more (servers started and killed, thousands of requests, the
// full demo loaded) start first, so they run beside the rest instead of trailing alone at the end.
const LONG_FIRST = ['test/faults/faults.test.ts', 'test/hostile/', 'test/foundation/dist.test.ts', 'test/cli/', 'test/assets/statement-count.test.ts'];
class LongFilesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = LONG_FIRST.findIndex((part) => file.moduleId.includes(part));
      return index < 0 ? LONG_FIRST.length : index;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}

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
    sequence: { sequencer: LongFilesFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
