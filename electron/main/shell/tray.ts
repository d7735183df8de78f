/**
 * The tray icon: renders a TrayState (tray-model.ts) into Electron's Tray and routes its
 * menu and clicks. Platform quirks handled here:
 * - Linux (StatusNotifierItem/AppIndicator): the icon shows only with a menu set through
 *   setContextMenu, and a changed menu must be set again; many hosts never deliver a left
 *   click, so 打开 is always in the menu.
 * - macOS: a menu set with setContextMenu would open on left click too, so the menu pops up
 *   on right click instead and left click toggles the window; the due count is the title.
 * - Windows/Linux: no title, so the count is drawn into the icon.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '../../../shared/contract/types';
import {
  drawCountIcon,
  drawStateIcon,
  encodePng,
  TRAY_BASE_SIZE,
  trayIconFile,
  type TrayIconKind,
  type TrayPlatform,
} from './icon-art';
import { menuKey, trayState, type TrayCommand, type TrayLanguage, type TrayMenuItem, type TrayState, type UpdateMenuState } from './tray-model';
import type { Rect } from './window-position';

export interface TrayDeps {
  platform: NodeJS.Platform;
  /** Directory holding win/, mac/ and linux/ (build/icons/tray, or resources/tray when packaged). */
  iconDir: string;
  lang: () => TrayLanguage;
  onCommand: (command: TrayCommand) => void;
  /** Left click where the platform delivers one. */
  onToggle: () => void;
  now?: () => number;
  /** How often the tooltip's "2 分钟前同步" is refreshed without a new snapshot. */
  tickMs?: number;
  /**
   * Where there is no tray host (linux-desktop.ts): no icon; the same menu becomes the
   * application menu bar under this title, so every command stays reachable.
   */
  menuBarTitle?: string;
  /** The update item of the menu (updater.ts); absent where the build does not update itself. */
  update?: () => UpdateMenuState | null;
}

export interface TrayController {
  update(snapshot: Snapshot): void;
  /** Draws again with the last snapshot (the update state changed). */
  refresh(): void;
  readonly state: TrayState | null;
  /** Tray icon bounds, or null where the platform does not know them. */
  bounds(): Rect | null;
  destroy(): void;
}

const trayPlatform = (p: NodeJS.Platform): TrayPlatform => (p === 'darwin' || p === 'win32' ? p : 'linux');

export function createTray(deps: TrayDeps): TrayController {
  const platform = trayPlatform(deps.platform);
  const now = deps.now ?? Date.now;
  const images = new Map<string, NativeImage>();

  const stateImage = (kind: TrayIconKind): NativeImage => {
    const key = `state:${kind}`;
    let img = images.get(key);
    if (img) return img;
    const file = join(deps.iconDir, trayIconFile(platform, kind, 1));
    // createFromPath picks up the @2x file beside it and, on macOS, "Template" in the name.
    img = existsSync(file) ? nativeImage.createFromPath(file) : undefined;
    if (!img || img.isEmpty()) img = rendered((size) => drawStateIcon(kind, size, platform === 'darwin' ? 'template' : 'colour'));
    if (platform === 'darwin') img.setTemplateImage(true);
    images.set(key, img);
    return img;
  };

  const countImage = (count: number): NativeImage => {
    const key = `count:${count > 99 ? 100 : count}`;
    let img = images.get(key);
    if (!img) {
      img = rendered((size) => drawCountIcon(count, size));
      images.set(key, img);
    }
    return img;
  };

  const rendered = (draw: (size: number) => ReturnType<typeof drawCountIcon>): NativeImage => {
    const base = TRAY_BASE_SIZE[platform];
    const img = nativeImage.createFromBuffer(encodePng(draw(base)), { scaleFactor: 1 });
    img.addRepresentation({ scaleFactor: 2, buffer: encodePng(draw(base * 2)) });
    return img;
  };

  const imageFor = (s: TrayState): NativeImage =>
    platform !== 'darwin' && s.icon === 'due' && s.dueCount > 0 ? countImage(s.dueCount) : stateImage(s.icon);

  const menuBar = deps.menuBarTitle;
  const tray = menuBar === undefined ? new Tray(stateImage('normal')) : null;
  let state: TrayState | null = null;
  let last: Snapshot | null = null;
  let shownImage: NativeImage | null = null;
  let shownMenuKey = '';
  let menu: Menu | null = null;

  const toNative = (items: TrayMenuItem[]): MenuItemConstructorOptions[] =>
    items.map((item) => {
      switch (item.kind) {
        case 'separator':
          return { type: 'separator' };
        case 'info':
          return { label: item.label, enabled: false };
        case 'submenu':
          return { label: item.label, submenu: toNative(item.items) };
        case 'command':
          return { label: item.label, click: () => deps.onCommand(item.command) };
      }
    });

  const render = () => {
    if (!last) return;
    const next = trayState(last, now(), deps.lang(), deps.update?.() ?? null);
    const key = menuKey(next.menu);
    if (!tray) {
      if (key !== shownMenuKey) {
        Menu.setApplicationMenu(Menu.buildFromTemplate([{ label: menuBar, submenu: toNative(next.menu) }, { role: 'editMenu' }]));
        shownMenuKey = key;
      }
      state = next;
      return;
    }
    const image = imageFor(next);
    if (image !== shownImage) {
      tray.setImage(image);
      shownImage = image;
    }
    if (next.tooltip !== state?.tooltip) tray.setToolTip(next.tooltip);
    if (platform === 'darwin' && next.title !== state?.title) tray.setTitle(next.title);
    if (key !== shownMenuKey) {
      menu = Menu.buildFromTemplate(toNative(next.menu));
      if (platform !== 'darwin') tray.setContextMenu(menu);
      shownMenuKey = key;
    }
    state = next;
  };

  if (tray && platform === 'darwin') {
    tray.setIgnoreDoubleClickEvents(true);
    tray.on('right-click', () => {
      if (menu) tray.popUpContextMenu(menu);
    });
  }
  tray?.on('click', () => deps.onToggle());

  const tick = setInterval(render, deps.tickMs ?? 30_000);
  tick.unref?.();

  return {
    update(snapshot) {
      last = snapshot;
      render();
    },
    refresh: render,
    get state() {
      return state;
    },
    bounds() {
      if (!tray) return null;
      try {
        const b = tray.getBounds();
        return b.width > 0 && b.height > 0 ? b : null;
      } catch {
        return null;
      }
    },
    destroy() {
      clearInterval(tick);
      tray?.destroy();
    },
  };
}
