/**
 * The CLI as one self-contained JavaScript file run by plain node (no TypeScript runner,
 * no node_modules needed at run time): `out/cli/youmi-todo.mjs`. `--mode sim` builds the
 * simulator the CLI's `sim` command starts as a child, `out/cli/youmi-sim.mjs`.
 * Part of `npm run build`; `bin/youmi-todo.mjs` builds it on demand from a source checkout.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const ENTRIES = {
  cli: { entry: 'electron/main/hosts/cli/main.ts', file: 'youmi-todo.mjs', empty: true },
  sim: { entry: 'electron/main/simulator/cli.ts', file: 'youmi-sim.mjs', empty: false },
} as const;

export default defineConfig(({ mode }) => {
  const target = mode === 'sim' ? ENTRIES.sim : ENTRIES.cli;
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: resolve(root, target.entry),
      outDir: resolve(root, 'out/cli'),
      emptyOutDir: target.empty,
      target: 'node20',
      minify: true,
      sourcemap: false,
      rolldownOptions: {
        output: { format: 'es', entryFileNames: target.file, codeSplitting: false },
      },
    },
  };
});
