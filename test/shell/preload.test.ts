import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_METHODS, EVENT_CHANNELS, invokeChannel } from '../../shared/contract/channels';
import type { YoumiBridge } from '../../shared/contract/types';
import { contextBridge, ipcRenderer, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

// The preload runs once per page load: each test loads a fresh instance (the query makes
// it a new module) against a reset fake.
let loads = 0;
async function loadPreload(): Promise<YoumiBridge & { onOpenSettings(l: () => void): () => void }> {
  resetFake();
  const path = `../../electron/preload/index.ts?load=${++loads}`;
  await import(/* @vite-ignore */ path);
  return contextBridge.exposed.get('youmi') as never;
}

describe('preload bridge', () => {

  it('exposes window.youmi and nothing else', async () => {
    const youmi = await loadPreload();
    expect([...contextBridge.exposed.keys()]).toEqual(['youmi']);
    expect(Object.keys(youmi).sort()).toEqual([...BRIDGE_METHODS, 'onSnapshot', 'onReminder', 'onFocusTodo', 'onOpenSettings', 'onNewTodo'].sort());
    for (const value of Object.values(youmi)) expect(typeof value).toBe('function');
    expect(JSON.stringify(Object.keys(youmi))).not.toMatch(/ipc|send|invoke|electron/i);
  });

  it('invokes one channel per method with the arguments as given', async () => {
    const youmi = await loadPreload();
    ipcRenderer.answer = async (channel) => ({ ok: true, value: channel });
    expect(await youmi.snooze([1, 2], '1h')).toEqual({ ok: true, value: invokeChannel('snooze') });
    await youmi.getSnapshot();
    expect(ipcRenderer.invoked).toEqual([
      { channel: invokeChannel('snooze'), args: [[1, 2], '1h'] },
      { channel: invokeChannel('getSnapshot'), args: [] },
    ]);
  });

  it('never throws: a failed invoke becomes a typed error', async () => {
    const youmi = await loadPreload();
    ipcRenderer.answer = async () => {
      throw new Error("Error invoking remote method 'youmi:invoke:refresh': Error: stack at /home/x");
    };
    const r = await youmi.refresh();
    expect(r).toEqual({ ok: false, error: { kind: 'internal', detail: 'refresh: the app did not answer' } });
  });

  it('subscriptions get the payload only (never the IPC event) and unsubscribe', async () => {
    const youmi = await loadPreload();
    const got: unknown[][] = [];
    const off = youmi.onSnapshot((...args: unknown[]) => got.push(args));
    // Main sends numbered messages (a full snapshot, then deltas); the page gets the snapshot.
    ipcRenderer.emit(EVENT_CHANNELS.snapshot, { sender: ipcRenderer }, { seq: 1, full: { todos: [] } });
    off();
    ipcRenderer.emit(EVENT_CHANNELS.snapshot, { sender: ipcRenderer }, { seq: 2, full: { todos: [1] } });
    expect(got).toEqual([[{ todos: [] }]]);

    const reminders: unknown[] = [];
    const offR = youmi.onReminder((r) => reminders.push(r));
    ipcRenderer.emit(EVENT_CHANNELS.reminder, {}, { key: 'k' });
    offR();
    expect(reminders).toEqual([{ key: 'k' }]);
  });

  it('hands a focus request that arrived before anyone listened to the first subscriber', async () => {
    const youmi = await loadPreload();
    ipcRenderer.emit(EVENT_CHANNELS.focusTodo, {}, 42);
    const got: number[] = [];
    youmi.onFocusTodo((id) => got.push(id));
    await Promise.resolve();
    expect(got).toEqual([42]);
    ipcRenderer.emit(EVENT_CHANNELS.focusTodo, {}, 43);
    expect(got).toEqual([42, 43]);
    const settings: number[] = [];
    ipcRenderer.emit('youmi:event:open-settings', {}, null);
    youmi.onOpenSettings(() => settings.push(1));
    await Promise.resolve();
    expect(settings).toEqual([1]);
  });

  it('hands the tray\'s 新建待办 to the page, also when it came before the page listened', async () => {
    const youmi = await loadPreload();
    ipcRenderer.emit(EVENT_CHANNELS.newTodo, {}, null);
    const got: number[] = [];
    const off = youmi.onNewTodo(() => got.push(1));
    await Promise.resolve();
    expect(got).toEqual([1]);
    ipcRenderer.emit(EVENT_CHANNELS.newTodo, {}, null);
    off();
    ipcRenderer.emit(EVENT_CHANNELS.newTodo, {}, null);
    expect(got).toEqual([1, 1]);
  });

  it('ignores a non-function listener instead of throwing', async () => {
    const youmi = await loadPreload();
    expect(typeof youmi.onSnapshot(42 as never)).toBe('function');
  });
});

describe('module boundaries', () => {
  const root = resolve(import.meta.dirname, '../..');
  const importsOf = (file: string): { spec: string; typeOnly: boolean }[] =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ spec: m[2]!, typeOnly: !!m[1] }));

  /** Every file a module pulls in at run time (type-only imports left out). */
  function runtimeGraph(entry: string): { files: Set<string>; packages: Set<string> } {
    const files = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const { spec, typeOnly } of importsOf(file)) {
        if (typeOnly) continue;
        if (spec.startsWith('.')) visit(resolve(dirname(file), `${spec}.ts`));
        else packages.add(spec);
      }
    };
    visit(entry);
    return { files, packages };
  }

  it('the preload pulls in only electron, the channel names and the delta receiver (no zod, no schemas)', () => {
    const { files, packages } = runtimeGraph(join(root, 'electron/preload/index.ts'));
    expect([...packages]).toEqual(['electron']);
    expect([...files].map((f) => f.slice(root.length + 1)).sort()).toEqual([
      'electron/preload/index.ts',
      'shared/contract/channels.ts',
      'shared/contract/delta-apply.ts',
    ]);
  });

  it('only the shell, index.ts and the preload import electron, electron-store or electron-log', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => {
        const p = join(d, n);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
      });
    const offenders = walk(join(root, 'electron'))
      .filter((f) => !f.includes('/electron/main/shell/') && !f.endsWith('/electron/main/index.ts') && !f.includes('/electron/preload/'))
      .filter((f) => importsOf(f).some(({ spec, typeOnly }) => !typeOnly && /^electron(-store|-log)?(\/|$)/.test(spec)))
      .map((f) => f.slice(root.length + 1));
    expect(offenders).toEqual([]);
  });

  it('the pure shell modules stay Electron-free, so they are tested without fakes', () => {
    for (const f of ['tray-model', 'window-position', 'icon-art', 'security-policy', 'notification-model']) {
      const { packages } = runtimeGraph(join(root, `electron/main/shell/${f}.ts`));
      expect([...packages].filter((p) => !p.startsWith('node:')), f).toEqual([]);
    }
  });
});
