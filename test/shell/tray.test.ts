import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodePng, drawCountIcon } from '../../electron/main/shell/icon-art';
import type { TrayCommand } from '../../electron/main/shell/tray-model';
import { fake, FakeTray, menuItem, resetFake, type FakeNativeImage } from './fake-electron';
import { busySnapshot, iso, MIN, NOW, snapshot, todo } from './helpers';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createTray } = await import('../../electron/main/shell/tray');

const iconDir = join(import.meta.dirname, '../../build/icons/tray');

function setup(platform: NodeJS.Platform, now = NOW) {
  const commands: TrayCommand[] = [];
  let toggles = 0;
  const controller = createTray({
    platform,
    iconDir,
    lang: () => 'zh-CN',
    onCommand: (c) => commands.push(c),
    onToggle: () => toggles++,
    now: () => now,
    tickMs: 3_600_000,
  });
  const tray = FakeTray.all.at(-1)!;
  return { controller, tray, commands, toggles: () => toggles };
}

const fileOf = (img: FakeNativeImage) => img.reps[0]?.path?.split('/tray/')[1];

describe('tray', () => {
  beforeEach(resetFake);

  it('shows the due count drawn into the icon on Windows, with the tooltip and menu', () => {
    const { controller, tray } = setup('win32');
    controller.update(busySnapshot());
    expect(tray.tooltip).toBe('3 个待办已到期 · 共 12 个未处理 · 2 分钟前同步');
    expect(tray.title).toBe('');
    // The icon is the drawn count badge at 16 and 32 px.
    expect(tray.image.reps.map((r) => r.scaleFactor)).toEqual([1, 2]);
    const px = decodePng(tray.image.reps[0]!.buffer!);
    expect(Buffer.from(px.data).equals(Buffer.from(drawCountIcon(3, 16).data))).toBe(true);
    expect(tray.contextMenuSets).toBe(1);
    expect(menuItem(tray.contextMenu, '打开')).toBeDefined();
    expect(menuItem(tray.contextMenu, '暂停提醒', '到明天')).toBeDefined();
  });

  it('uses the title for the count on macOS, a template icon, and pops the menu on right click only', () => {
    const { controller, tray, toggles } = setup('darwin');
    controller.update(busySnapshot());
    expect(tray.title).toBe('3');
    expect(fileOf(tray.image)).toBe('mac/dueTemplate.png');
    expect(tray.image.template).toBe(true);
    expect(tray.contextMenuSets).toBe(0);
    tray.emit('click');
    expect(toggles()).toBe(1);
    tray.emit('right-click');
    expect(tray.popUps).toHaveLength(1);
    expect(menuItem(tray.popUps[0]!, '退出')).toBeDefined();
  });

  it('follows the service: due → paused → resumed → nothing due → offline', () => {
    const { controller, tray } = setup('linux');
    controller.update(busySnapshot());
    expect(tray.image.reps[0]!.buffer).toBeDefined(); // count badge
    controller.update(busySnapshot({ reminders: { pausedUntil: iso(NOW + 60 * MIN), quietNow: false } }));
    expect(fileOf(tray.image)).toBe('linux/paused.png');
    expect(menuItem(tray.contextMenu, '恢复提醒')).toBeDefined();
    expect(menuItem(tray.contextMenu, '暂停提醒')).toBeUndefined();
    controller.update(busySnapshot());
    expect(menuItem(tray.contextMenu, '暂停提醒')).toBeDefined();
    controller.update(snapshot({ todos: [todo({ remindInMin: 20 })] }));
    expect(fileOf(tray.image)).toBe('linux/normal.png');
    expect(controller.state?.dueCount).toBe(0);
    controller.update(snapshot({ status: { state: 'offline', lastSuccessAt: null, lastError: null, nextSyncAt: null } }));
    expect(fileOf(tray.image)).toBe('linux/offline.png');
  });

  it('sets the menu again only when it changed (Linux indicators need the call; repeating it makes them flicker)', () => {
    const { controller, tray } = setup('linux');
    controller.update(busySnapshot());
    controller.update(busySnapshot({ generatedAt: iso(NOW + 1000) }));
    controller.update(busySnapshot({ status: { state: 'ok', lastSuccessAt: iso(NOW), lastError: null, nextSyncAt: null } }));
    expect(tray.contextMenuSets).toBe(1);
    controller.update(busySnapshot({ reminders: { pausedUntil: iso(NOW + MIN), quietNow: false } }));
    expect(tray.contextMenuSets).toBe(2);
  });

  it('routes menu items to commands', () => {
    const { controller, tray, commands } = setup('win32');
    controller.update(busySnapshot());
    for (const path of [['打开'], ['新建待办'], ['立即刷新'], ['暂停提醒', '30 分钟'], ['暂停提醒', '1 小时'], ['暂停提醒', '到明天'], ['设置'], ['退出']]) {
      menuItem(tray.contextMenu, ...path)!.click!();
    }
    expect(commands).toEqual(['open', 'new-todo', 'refresh', 'pause-30m', 'pause-1h', 'pause-tomorrow', 'settings', 'quit']);
  });

  it('toggles the window on a left click where the platform delivers it', () => {
    fake.platform = 'win32';
    const { tray, toggles } = setup('win32');
    tray.userClick();
    tray.userClick();
    expect(toggles()).toBe(2);
  });

  it('Linux: clicks on the icon never arrive, so the menu opens the window', () => {
    fake.platform = 'linux';
    const { controller, tray, toggles, commands } = setup('linux');
    controller.update(busySnapshot());
    tray.userClick();
    expect(toggles()).toBe(0);
    menuItem(tray.contextMenu, '打开')!.click!();
    expect(commands).toEqual(['open']);
  });

  it('reports unknown bounds as null (Linux), real bounds otherwise', () => {
    const { controller, tray } = setup('linux');
    expect(controller.bounds()).toBeNull();
    tray.bounds = { x: 10, y: 1050, width: 24, height: 24 };
    expect(controller.bounds()).toEqual({ x: 10, y: 1050, width: 24, height: 24 });
  });

  it('draws from the art when the icon files are missing', () => {
    const commands: TrayCommand[] = [];
    const controller = createTray({ platform: 'linux', iconDir: '/nonexistent', lang: () => 'zh-CN', onCommand: (c) => commands.push(c), onToggle: () => {}, now: () => NOW, tickMs: 3_600_000 });
    controller.update(snapshot());
    const tray = FakeTray.all.at(-1)!;
    expect(tray.image.isEmpty()).toBe(false);
    expect(tray.image.reps.map((r) => r.scaleFactor)).toEqual([1, 2]);
  });

  it('every tray icon file the shell can ask for exists', async () => {
    const { existsSync } = await import('node:fs');
    const { trayIconFile } = await import('../../electron/main/shell/icon-art');
    for (const p of ['win32', 'darwin', 'linux'] as const)
      for (const k of ['normal', 'due', 'offline', 'paused'] as const)
        for (const s of [1, 2] as const) expect(existsSync(join(iconDir, trayIconFile(p, k, s))), `${p} ${k} @${s}x`).toBe(true);
  });
});
