import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// type-graphql needs decorator metadata, which esbuild cannot emit: tests compile through swc.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
