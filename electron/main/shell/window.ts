/**
 * The popup: a small frameless window next to the tray icon. Created hidden at start so a
 * click opens it at once; hidden (never closed) on blur, Esc and the close button, so it
 * keeps its state. It never takes focus on its own: only a user action shows it.
 */
import { BrowserWindow, nativeTheme, screen, type IpcMainInvokeEvent } from 'electron';
import type { ReminderEvent } from '../../../shared/contract/types';
import { EVENT_CHANNELS } from '../../../shared/contract/channels';
import { isOurRendererUrl, type RendererLocation } from './security-policy';
import type { WindowStyle } from './linux-desktop';
import { fitSize, placeWindow, type Rect } from './window-position';

export const OPEN_SETTINGS_CHANNEL = EVENT_CHANNELS.openSettings;

export const DEFAULT_SIZE = { width: 380, height: 560 };
export const MIN_SIZE = { width: 320, height: 360 };

export interface WindowSizeStore {
  load(): { width: number; height: number } | null;
  save(size: { width: number; height: number }): void;
}

export interface PopupDeps {
  platform: NodeJS.Platform;
  /** Absolute path of out/preload/index.cjs. */
  preload: string;
  renderer: RendererLocation;
  devTools: boolean;
  trayBounds: () => Rect | null;
  sizes: WindowSizeStore;
  log: (line: string) => void;
  now?: () => number;
  /**
   * popup (default): frameless beside the tray, off the task bar, hidden on blur. window: a
   * normal framed window in the task bar that the window manager places (native Wayland, no
   * tray host; linux-desktop.ts).
   */
  style?: WindowStyle;
  /** False when there is no tray icon: closing minimises to the task bar instead of hiding. */
  hasTray?: boolean;
}

export interface PopupWindow {
  readonly window: BrowserWindow;
  show(): void;
  hide(): void;
  toggle(): void;
  /** Shows the window and asks the page to scroll to and focus this todo. */
  showOnTodo(todoId: number | null): void;
  /** Shows the window on its settings page. */
  showSettings(): void;
  /** Shows the window on the 新建待办 dialog. */
  showNewTodo(): void;
  setPinned(pinned: boolean): void;
  readonly pinned: boolean;
  pushReminder(reminder: ReminderEvent): void;
  /** True only for IPC from this window's main frame showing our page. */
  isOurSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean;
  /** Lets the window really close (app quitting). */
  allowClose(): void;
}

// A click on the tray icon while the window is open first blurs (and hides) the window,
// then arrives as a click that would show it again: ignore a toggle that soon after.
const BLUR_TOGGLE_GRACE_MS = 300;

export function createPopupWindow(deps: PopupDeps): PopupWindow {
  const now = deps.now ?? Date.now;
  const cursorDisplay = () => screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
  const initial = fitSize(deps.sizes.load(), cursorDisplay().workArea, DEFAULT_SIZE, MIN_SIZE);
  const framed = deps.style === 'window';
  const hasTray = deps.hasTray ?? true;

  const win = new BrowserWindow({
    ...initial,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    frame: framed,
    resizable: true,
    movable: true,
    minimizable: framed,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: !framed,
    title: '友米待办',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f2329' : '#ffffff',
    // Written out here, not built elsewhere, so static checkers (electronegativity) see them.
    webPreferences: {
      preload: deps.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: deps.devTools,
      // Middle-click could open links in new windows, around the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (deps.platform === 'darwin') win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });

  let pinned = false;
  let closable = false;
  let hiddenByBlurAt = -Infinity;
  let loaded = false;
  let pendingFocus: number | null = null;
  // The tray's 设置 or 新建待办 asked of a page still loading: the latest is sent once it has.
  let pendingPage: string | null = null;

  const send = (channel: string, payload: unknown) => {
    if (!win.isDestroyed() && loaded) win.webContents.send(channel, payload);
  };

  win.webContents.on('did-finish-load', () => {
    loaded = true;
    if (pendingFocus !== null) {
      send(EVENT_CHANNELS.focusTodo, pendingFocus);
      pendingFocus = null;
    }
    if (pendingPage !== null) {
      send(pendingPage, null);
      pendingPage = null;
    }
  });
  win.webContents.on('did-start-loading', () => {
    loaded = false;
  });
  win.webContents.on('render-process-gone', (_e, details) => {
    deps.log(`window: renderer gone (${details.reason}); reloading`);
    loaded = false;
    if (!win.isDestroyed()) void load();
  });

  const load = () =>
    (deps.renderer.devUrl ? win.loadURL(deps.renderer.devUrl) : win.loadFile(deps.renderer.indexHtml)).catch((e: unknown) =>
      deps.log(`window: load failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  void load();

  win.on('blur', () => {
    if (framed || pinned || win.webContents.isDevToolsOpened() || !win.isVisible()) return;
    hiddenByBlurAt = now();
    win.hide();
  });
  win.on('close', (e) => {
    if (closable) return;
    e.preventDefault();
    // Without a tray a hidden window could never be found again: keep it in the task bar.
    if (hasTray) win.hide();
    else win.minimize();
  });
  let resizeTimer: NodeJS.Timeout | null = null;
  win.on('resize', () => {
    if (resizeTimer) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (win.isDestroyed()) return;
      const [width = DEFAULT_SIZE.width, height = DEFAULT_SIZE.height] = win.getSize();
      deps.sizes.save({ width, height });
    }, 500);
  });

  const place = () => {
    const tray = deps.trayBounds();
    const display = tray ? screen.getDisplayMatching(tray) : cursorDisplay();
    const [width = DEFAULT_SIZE.width, height = DEFAULT_SIZE.height] = win.getSize();
    const size = fitSize({ width, height }, display.workArea, DEFAULT_SIZE, MIN_SIZE);
    if (size.width !== width || size.height !== height) win.setSize(size.width, size.height);
    const p = placeWindow({ tray, display, size, platform: deps.platform });
    win.setPosition(p.x, p.y);
  };

  const show = () => {
    if (win.isDestroyed()) return;
    // A framed window is placed by the window manager (Wayland ignores setPosition anyway).
    if (!win.isVisible() && !framed) place();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const hide = () => {
    if (!win.isDestroyed() && win.isVisible()) win.hide();
  };

  const showPage = (channel: string) => {
    show();
    if (loaded) send(channel, null);
    else pendingPage = channel;
  };

  const expected = deps.renderer;
  return {
    window: win,
    show,
    hide,
    toggle() {
      if (win.isDestroyed()) return;
      // A pinned window sits on top and loses focus to the tray click itself: a click hides it.
      if (win.isVisible() && (win.isFocused() || pinned)) hide();
      else if (now() - hiddenByBlurAt > BLUR_TOGGLE_GRACE_MS) show();
    },
    showOnTodo(todoId) {
      show();
      if (todoId === null) return;
      if (loaded) send(EVENT_CHANNELS.focusTodo, todoId);
      else pendingFocus = todoId;
    },
    showSettings() {
      showPage(OPEN_SETTINGS_CHANNEL);
    },
    showNewTodo() {
      showPage(EVENT_CHANNELS.newTodo);
    },
    setPinned(p) {
      pinned = p;
      if (!win.isDestroyed()) win.setAlwaysOnTop(p, 'floating');
    },
    get pinned() {
      return pinned;
    },
    pushReminder(reminder) {
      send(EVENT_CHANNELS.reminder, reminder);
    },
    isOurSender(event) {
      if (win.isDestroyed() || event.sender !== win.webContents) return false;
      const frame = event.senderFrame;
      const main = win.webContents.mainFrame;
      if (!frame || frame.parent !== null) return false;
      if (frame.processId !== main.processId || frame.frameToken !== main.frameToken) return false;
      return isOurRendererUrl(frame.url, expected);
    },
    allowClose() {
      closable = true;
    },
  };
}
