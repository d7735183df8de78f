/**
 * The CLI as users run it: `npm run cli` and the `youmi-todo` bin both start
 * bin/youmi-todo.mjs, which runs the one-file bundle out/cli/youmi-todo.mjs with plain node
 * (building it first when it is missing or older than the sources, as in a fresh clone).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import { cleanEnv, simEnv } from './sim-env';

const ROOT = resolve(import.meta.dirname, '../..');
const LAUNCHER = join(ROOT, 'bin/youmi-todo.mjs');
const BUNDLE = join(ROOT, 'out/cli/youmi-todo.mjs');

describe('CLI bundle', { timeout: 120_000 }, () => {
  let sim: Simulator;
  beforeAll(async () => {
    // Builds the bundle if stale; later runs in this file then start the bundle directly.
    const prepared = spawnSync(process.execPath, [LAUNCHER, '--help'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv() });
    expect(prepared.status, prepared.stderr).toBe(0);
    expect(prepared.stdout).toMatch(/^usage: /);
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim?.close());

  it('is one self-contained file: no import of a package, no TypeScript loader', () => {
    const code = readFileSync(BUNDLE, 'utf8');
    // The bundle is minified: static imports (`import{…}from"x"`) and dynamic ones. (ajv's
    // generated-code templates hold `require("ajv/…")` as text, never run by the CLI.)
    const imports = [...code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((s) => !s!.startsWith('node:'))).toEqual([]);
    expect(statSync(join(ROOT, 'out/cli/youmi-sim.mjs')).isFile()).toBe(true);
  });

  it('is the package bin and what npm run cli starts', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['youmi-todo']).toBe('bin/youmi-todo.mjs');
    expect(pkg.scripts.cli).toBe('node bin/youmi-todo.mjs');
    expect(readFileSync(LAUNCHER, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('list --json through the launcher, with plain node, prints the open todos', async () => {
    // Not spawnSync: the simulator answering it lives in this process's event loop.
    const child = spawn(process.execPath, [LAUNCHER, 'list', '--json'], { cwd: ROOT, env: { ...cleanEnv(), ...simEnv(sim) } });
    const run = { stdout: '', stderr: '', status: null as number | null };
    child.stdout.setEncoding('utf8').on('data', (d: string) => (run.stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (run.stderr += d));
    run.status = await new Promise((ok) => child.once('close', ok));
    expect(run.status, run.stderr).toBe(0);
    const ids = (JSON.parse(run.stdout) as Array<{ id: number }>).map((t) => t.id).sort();
    const expected = sim
      .admin.todos()
      .filter((t) => t.sate === 0 && (JSON.parse(t.recipientData) as string[]).includes(sim.demoStaff))
      .map((t) => t.id)
      .sort();
    expect(ids).toEqual(expected);
  });

  it('sim from the bundle starts the bundled simulator', async () => {
    const child = spawn(process.execPath, [BUNDLE, 'sim', '--port', '0'], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await new Promise<string>((ok) => createInterface({ input: child.stdout }).once('line', ok));
    expect(first).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${first.slice('listening '.length)}/connect/token`, { method: 'POST' });
    expect(res.status).toBe(400);
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  });
});
