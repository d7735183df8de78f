import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, startSelfUpdate, type UpdaterLike } from '../../electron/main/shell/updater';
import { trayState } from '../../electron/main/shell/tray-model';
import { snapshot, NOW } from './helpers';

/** electron-updater's AppUpdater as far as events go; the test plays the feed. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs: unknown[][] = [];
  next: 'none' | 'available' | 'error' = 'none';
  async checkForUpdates(): Promise<unknown> {
    this.checks++;
    this.emit('checking-for-update');
    if (this.next === 'error') {
      this.emit('error', new Error('net::ERR_NAME_NOT_RESOLVED\n at stack'));
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    }
    if (this.next === 'none') this.emit('update-not-available', { version: '0.1.0' });
    else this.emit('update-available', { version: '0.2.0' });
    return null;
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args);
  }
}

function setup() {
  const updater = new FakeUpdater();
  const timers: { fn: () => void; ms: number }[] = [];
  const states: string[] = [];
  const logs: string[] = [];
  const self = startSelfUpdate({
    updater,
    log: (l) => logs.push(l),
    onChange: (s) => states.push(s),
    every: (fn, ms) => {
      timers.push({ fn, ms });
      return () => {};
    },
  });
  return { updater, self, timers, states, logs };
}

describe('self-update', () => {
  it('checks at start and every 24 hours, downloading in the background', async () => {
    const { updater, timers } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checks).toBe(1);
    expect(timers.map((t) => t.ms)).toEqual([CHECK_EVERY_MS]);
    timers[0]!.fn();
    expect(updater.checks).toBe(2);
  });

  it('shows 检查更新 → 正在下载 → 重启以更新 in the tray menu, and installs only when the user asks', async () => {
    const { updater, self, states } = setup();
    expect(self.state).toBe('idle');
    const menu = (s: typeof self.state) => trayState(snapshot(), NOW, 'zh-CN', s).menu.map((i) => ('label' in i ? i.label : '-'));
    expect(menu(self.state)).toContain('检查更新');
    updater.next = 'available';
    self.check();
    expect(self.state).toBe('downloading');
    expect(menu(self.state)).toContain('正在下载更新…');
    updater.emit('download-progress', { percent: 40 });
    expect(updater.installs).toEqual([]);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(self.state).toBe('ready');
    expect(menu(self.state)).toContain('重启以更新');
    expect(states).toEqual(['checking', 'idle', 'checking', 'downloading', 'ready']);
    // The 24 h check does not undo a downloaded update.
    self.check();
    expect(self.state).toBe('ready');
    self.install();
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('a failed check logs one line and goes back to 检查更新', async () => {
    const { updater, self, logs } = setup();
    updater.next = 'error';
    self.check();
    await new Promise((r) => setImmediate(r));
    expect(self.state).toBe('idle');
    expect(logs.some((l) => l.includes('ERR_NAME_NOT_RESOLVED') && !l.includes('at stack'))).toBe(true);
  });

  it('a build without updates has no update item', () => {
    const labels = trayState(snapshot(), NOW, 'zh-CN').menu.map((i) => ('label' in i ? i.label : '-'));
    expect(labels.join()).not.toMatch(/更新/);
  });
});
