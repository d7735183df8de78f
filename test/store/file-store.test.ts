import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../electron/main/store/file-store';
import { StateFileError } from '../../electron/main/store/state-file-error';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const children = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
});

/**
 * Starts a fixture in ONE node process (`node --import tsx`, not the tsx CLI, which would
 * put a relay process in between and SIGKILL would miss the writer) and resolves once it
 * printed `line`.
 */
export function startChild(script: string, args: string[], line: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/store/fixtures', script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(line)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before "${line}": ${out} ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, ready, exited, output: () => out };
}

describe('file store (conf)', () => {
  it('round-trips a document as compact, owner-only JSON and leaves no temp files', () => {
    const store = createFileStore({ dataDir: dir });
    expect(store.read()).toBeUndefined();
    expect(store.revision!()).toBeNull();
    store.write({ version: 2, settings: { a: 1 }, list: ['待办'] });
    const file = path.join(dir, 'state.json');
    expect(store.path).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"version":2,"settings":{"a":1},"list":["待办"]}');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
    const rev = store.revision!();
    store.write({ version: 2, n: 2 });
    expect(store.revision!()).not.toBe(rev);
    expect(createFileStore({ dataDir: dir }).read()).toEqual({ version: 2, n: 2 });
  });

  it('moves a corrupt file aside, keeps its bytes, and starts empty', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"version":2,"scopes":{"b08"');
    const store = createFileStore({ dataDir: dir, now: () => Date.parse('2025-01-06T01:02:03.004Z') });
    let error: unknown;
    try {
      store.read();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateFileError);
    const moved = path.join(dir, 'state.corrupt-2025-01-06T01-02-03-004Z.json');
    expect((error as StateFileError).movedTo).toBe(moved);
    expect(fs.readFileSync(moved, 'utf8')).toBe('{"version":2,"scopes":{"b08"');
    expect(fs.existsSync(file)).toBe(false);
    expect(store.read()).toBeUndefined();
    store.write({ version: 2 });
    expect(store.read()).toEqual({ version: 2 });
  });

  it('moves an empty file and a non-object aside too', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '');
    expect(() => createFileStore({ dataDir: dir }).read()).toThrow(StateFileError);
    fs.writeFileSync(file, '[1,2]');
    expect(() => createFileStore({ dataDir: dir }).read()).toThrow(/not a JSON object/);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('state.corrupt-'))).toHaveLength(2);
  });

  it('moves an unreadable path (a directory in its place) aside', () => {
    fs.mkdirSync(path.join(dir, 'state.json'));
    fs.writeFileSync(path.join(dir, 'state.json', 'inside'), 'kept');
    const store = createFileStore({ dataDir: dir });
    expect(() => store.read()).toThrow(StateFileError);
    const moved = fs.readdirSync(dir).find((n) => n.startsWith('state.corrupt-'))!;
    expect(fs.readFileSync(path.join(dir, moved, 'inside'), 'utf8')).toBe('kept');
    store.write({ version: 2 });
    expect(store.read()).toEqual({ version: 2 });
  });

  it('quarantine moves a parsed-but-unusable file aside', () => {
    const store = createFileStore({ dataDir: dir });
    store.write({ version: 99 });
    const moved = store.quarantine('newer version');
    expect(moved).toMatch(/state\.corrupt-.*\.json$/);
    expect(JSON.parse(fs.readFileSync(moved!, 'utf8'))).toEqual({ version: 99 });
    expect(store.read()).toBeUndefined();
    expect(store.quarantine('again')).toBeNull();
  });

  it('removes temp files a killed writer left behind, but not fresh ones', () => {
    const old = path.join(dir, 'state.json.tmp-17000000001234abcd');
    const fresh = path.join(dir, 'state.json.tmp-17000000005678abcd');
    fs.writeFileSync(old, '{"half":');
    fs.writeFileSync(fresh, '{"half":');
    const past = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(old, past, past);
    createFileStore({ dataDir: dir });
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('a process killed in the middle of writes leaves the old or the new document, never a broken one', async () => {
    const file = path.join(dir, 'state.json');
    let lastN = 0;
    for (let round = 0; round < 4; round++) {
      const c = startChild('writer.ts', [dir], 'ready');
      await c.ready;
      // Let it write for a random while, then kill it without warning.
      await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 120)));
      c.child.kill('SIGKILL');
      await c.exited;
      // The writer is really gone: the file no longer changes.
      const st = fs.statSync(file);
      await new Promise((r) => setTimeout(r, 50));
      expect(fs.statSync(file).mtimeMs).toBe(st.mtimeMs);
      const text = fs.readFileSync(file, 'utf8');
      const doc = JSON.parse(text) as { version: number; n: number; items: { n: number; i: number }[] };
      expect(doc.version).toBe(2);
      expect(doc.items).toHaveLength(5000);
      expect(doc.items.every((it, i) => it.n === doc.n && it.i === i)).toBe(true);
      expect(doc.n).toBeGreaterThanOrEqual(1);
      lastN = doc.n;
    }
    expect(lastN).toBeGreaterThan(0);
    // The next open cleans up; reading works.
    expect((createFileStore({ dataDir: dir }).read() as { n: number }).n).toBe(lastN);
  }, 60_000);
});
