#!/usr/bin/env node
/**
 * The `youmi-todo` command and `npm run cli`: runs the bundled CLI (out/cli/youmi-todo.mjs)
 * with plain node. In a source checkout it first (re)builds the bundle when it is missing or
 * older than a source file, so a fresh clone and an edited tree both run what is checked out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(root, 'out/cli/youmi-todo.mjs');
const SOURCES = ['electron/main', 'shared'];

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(bundle)) return true;
  if (!existsSync(join(root, 'cli.vite.config.ts'))) return false; // an installed package: no sources
  const built = statSync(bundle).mtimeMs;
  return SOURCES.some((dir) => existsSync(join(root, dir)) && newestSource(join(root, dir)) > built);
}

if (stale()) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', '-s', 'build:cli'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  if (built.status !== 0) {
    process.stderr.write('error: could not build the CLI (npm run build:cli)\n');
    process.exit(1);
  }
}
await import(pathToFileURL(bundle).href);
