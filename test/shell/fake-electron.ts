/**
 * A recording fake of the `electron` module, for tests of the shell adapters on a machine
 * where no Electron binary can run. It implements only what the shell uses, records every
 * call, and lets a test play the platform (fire tray clicks, notification events, IPC from
 * a given frame, power events). Use:
 *   vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
 * and call `resetFake()` in beforeEach.
 *
 * Where the shell depends on Electron's timing or lifetime rules, the fake follows Electron
 * 45's documented behaviour, not our code's expectations (each rule names its source in
 * electron/electron): `ready-to-show` fires once, when the page has loaded (not on the next
 * tick; a late listener never runs); `whenReady` resolves on a later turn after 'ready';
 * `app.quit()` emits before-quit (cancellable), closes the windows, then will-quit/quit;
 * Windows toasts close with reason 'timedOut' and stay clickable in the Action Center;
 * a notification object that was closed by the platform or garbage-collected delivers no
 * events; `Notification.handleActivation` exists only on Windows and is told of every
 * activation before the live object; tray `click` is not delivered on Linux; `screen`
 * answers for the point it is given.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Call {
  name: string;
  args: unknown[];
}

const DEFAULT_DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
};

export const fake = {
  calls: [] as Call[],
  platformLock: true,
  loginItem: { wasOpenedAtLogin: false },
  isPackaged: false,
  paths: new Map<string, string>(),
  locale: 'zh-CN',
  online: true,
  safe: { available: true, backend: 'gnome_libsecret' as string },
  display: structuredClone(DEFAULT_DISPLAY),
  cursor: { x: 100, y: 100 },
  notificationsSupported: true,
  /** The OS the fake plays (tray click delivery, Notification.handleActivation). */
  platform: process.platform as NodeJS.Platform,
  /** Extra displays beside `display`, for screen lookups by point. */
  displays: [] as (typeof DEFAULT_DISPLAY)[],
  /** How long the page takes to load and paint: real time, so work awaited meanwhile races it. */
  pageLoadMs: 15,
  /** Set by app.exit(code). */
  exitCode: null as number | null,
  quitted: false,
  dialogs: [] as { kind: string; title: string; content: string }[],
};

export function record(name: string, ...args: unknown[]): void {
  fake.calls.push({ name, args });
}
export const callsNamed = (name: string): Call[] => fake.calls.filter((c) => c.name === name);

// ---------------------------------------------------------------------------------------

let nextId = 1;

export class FakeWebFrameMain {
  parent: FakeWebFrameMain | null = null;
  url = 'about:blank';
  constructor(
    readonly processId: number,
    readonly frameToken: string,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = new FakeWebFrameMain(1000 + this.id, `frame-${this.id}`);
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  devToolsOpened = false;
  destroyed = false;
  loading = false;
  isLoading(): boolean {
    return this.loading;
  }
  send(channel: string, payload: unknown): void {
    // IPC serialises with the structured clone algorithm: a function or class instance would fail here as in Electron.
    this.sent.push({ channel, payload: structuredClone(payload) });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = handler;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpened;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Test helper: fires a navigation and says whether the app prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  destroyed = false;
  alwaysOnTop = false;
  position: [number, number] = [0, 0];
  size: [number, number];
  loaded: { kind: 'file' | 'url'; target: string } | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.size = [Number(options.width ?? 800), Number(options.height ?? 600)];
    FakeBrowserWindow.all.push(this);
    record('BrowserWindow.new', options);
    appEmitter.emit('web-contents-created', {}, this.webContents);
  }
  private readyShown = false;
  private loadGate: Promise<void> | null = null;
  /** Test helper: the page's load and first paint wait for this promise (a slow disk, a busy machine). */
  holdLoad(until: Promise<void>): void {
    this.loadGate = until;
  }
  private finishLoad(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    this.webContents.loading = true;
    this.webContents.emit('did-start-loading');
    // Electron resolves loadFile/loadURL on did-finish-load; ready-to-show follows the first
    // paint, once per window (browser-window.md, "Showing the window gracefully").
    const gate = this.loadGate ?? new Promise<void>((r) => setTimeout(r, fake.pageLoadMs));
    return gate.then(() => {
      if (this.destroyed) return;
      this.webContents.loading = false;
      this.webContents.emit('did-finish-load');
      if (!this.readyShown) {
        this.readyShown = true;
        this.emit('ready-to-show');
      }
    });
  }
  loadFile(path: string): Promise<void> {
    this.loaded = { kind: 'file', target: path };
    return this.finishLoad(pathToFileURL(path).href);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { kind: 'url', target: url };
    return this.finishLoad(url);
  }
  show(): void {
    this.visible = true;
    record('window.show');
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
    record('window.hide');
    this.emit('hide');
  }
  focus(): void {
    this.focused = true;
    record('window.focus');
    this.emit('focus');
  }
  /** Test helper: another app took the focus. */
  blurByUser(): void {
    this.focused = false;
    this.emit('blur');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getSize(): number[] {
    return [...this.size];
  }
  setSize(w: number, h: number): void {
    this.size = [w, h];
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
    record('window.setPosition', x, y);
  }
  setAlwaysOnTop(flag: boolean): void {
    this.alwaysOnTop = flag;
  }
  skipTaskbar: boolean | null = null;
  setSkipTaskbar(flag: boolean): void {
    this.skipTaskbar = flag;
  }
  minimized = false;
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.visible = true;
    this.emit('restore');
  }
  setVisibleOnAllWorkspaces(): void {}
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.webContents.emit('destroyed');
      this.emit('closed');
    }
  }
}

export class FakeNativeImage {
  template = false;
  readonly reps: { scaleFactor: number; buffer?: Buffer; path?: string }[] = [];
  constructor(first?: { scaleFactor: number; buffer?: Buffer; path?: string }) {
    if (first) this.reps.push(first);
  }
  isEmpty(): boolean {
    return this.reps.length === 0;
  }
  setTemplateImage(t: boolean): void {
    this.template = t;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  addRepresentation(rep: { scaleFactor: number; buffer?: Buffer }): void {
    this.reps.push(rep);
  }
}

export const nativeImage = {
  createFromPath(path: string): FakeNativeImage {
    const img = existsSync(path) ? new FakeNativeImage({ scaleFactor: 1, path }) : new FakeNativeImage();
    if (/Template(@\dx)?\.png$/.test(path)) img.template = true;
    return img;
  },
  createFromBuffer(buffer: Buffer, opts?: { scaleFactor?: number }): FakeNativeImage {
    return new FakeNativeImage({ scaleFactor: opts?.scaleFactor ?? 1, buffer });
  },
  createEmpty(): FakeNativeImage {
    return new FakeNativeImage();
  },
};

export interface FakeMenu {
  items: FakeMenuItem[];
}
export interface FakeMenuItem {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  submenu?: FakeMenuItem[];
  click?: () => void;
}
export const Menu = {
  buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return { items: template };
  },
  setApplicationMenu(menu: FakeMenu | null): void {
    record('Menu.setApplicationMenu', menu);
  },
};
/** Finds a menu item by its label path, e.g. ['暂停提醒', '30 分钟']. */
export function menuItem(menu: FakeMenu | null, ...labels: string[]): FakeMenuItem | undefined {
  let items = menu?.items ?? [];
  let found: FakeMenuItem | undefined;
  for (const label of labels) {
    found = items.find((i) => i.label === label);
    items = found?.submenu ?? [];
  }
  return found;
}

export class FakeTray extends EventEmitter {
  static all: FakeTray[] = [];
  image: FakeNativeImage;
  tooltip = '';
  title = '';
  contextMenu: FakeMenu | null = null;
  contextMenuSets = 0;
  popUps: FakeMenu[] = [];
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  destroyed = false;
  images: FakeNativeImage[] = [];
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    FakeTray.all.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setTitle(t: string): void {
    this.title = t;
  }
  setContextMenu(m: FakeMenu): void {
    this.contextMenu = m;
    this.contextMenuSets++;
  }
  popUpContextMenu(m: FakeMenu): void {
    this.popUps.push(m);
  }
  setIgnoreDoubleClickEvents(): void {}
  getBounds() {
    return { ...this.bounds };
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Test helper: the user clicks the icon. Linux StatusNotifierItem hosts do not deliver it (tray.md, platform notes). */
  userClick(): void {
    if (this.destroyed || fake.platform === 'linux') return;
    this.emit('click', {}, this.getBounds());
  }
}

/** What Electron passes to Notification.handleActivation (structures/activation-arguments.md). */
export interface FakeActivation {
  type: 'click' | 'action' | 'reply';
  arguments: string;
  actionIndex?: number;
  reply?: string;
  userInputs?: Record<string, string>;
}

let activationCallback: ((details: FakeActivation) => void) | null = null;
let storedActivation: FakeActivation | null = null;

/**
 * Notification as Electron 45 has it. The platform (the "presenter") knows a shown
 * notification only weakly: once the app drops its last reference and it is collected,
 * clicks and actions on its toast reach nothing (electron#12690). Programmatic close, a
 * click, an action or a failure remove it from the presenter; a Windows 'timedOut' close
 * does not (the toast sits in the Action Center and can still be clicked).
 */
export class FakeNotification extends EventEmitter {
  private static shownRefs: WeakRef<FakeNotification>[] = [];
  private static strong: FakeNotification[] = [];
  /** Notifications created and not yet garbage-collected (test code must not hold them across collectGarbage). */
  static get all(): FakeNotification[] {
    return FakeNotification.strong.concat(
      FakeNotification.shownRefs.map((r) => r.deref()).filter((n): n is FakeNotification => !!n && !FakeNotification.strong.includes(n)),
    );
  }
  static reset(): void {
    FakeNotification.shownRefs = [];
    FakeNotification.strong = [];
    activationCallback = null;
    storedActivation = null;
  }
  /** Test helper: lets go of the fake's own strong references, so only the app's keep notifications alive. */
  static forgetStrong(): void {
    for (const n of FakeNotification.strong) FakeNotification.shownRefs.push(new WeakRef(n));
    FakeNotification.strong = [];
  }
  shown = false;
  closed = false;
  /** In the platform's list (shown and not destroyed by a click, action, failure or close()). */
  presented = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeNotification.strong.push(this);
    record('Notification.new', options);
  }
  static isSupported(): boolean {
    return fake.notificationsSupported;
  }
  get tag(): string {
    return String(this.options.id ?? '');
  }
  get id(): string {
    return this.tag;
  }
  get title(): string {
    return String(this.options.title ?? '');
  }
  get body(): string {
    return String(this.options.body ?? '');
  }
  /** macOS only: what Notification Center still shows, as live objects (notification.md). */
  static get getHistory(): (() => Promise<FakeNotification[]>) | undefined {
    if (fake.platform !== 'darwin') return undefined;
    return async () => FakeNotification.all.filter((n) => n.presented);
  }
  show(): void {
    this.shown = true;
    this.presented = true;
  }
  close(): void {
    if (!this.presented) {
      this.closed = true;
      return;
    }
    this.closed = true;
    this.presented = false;
    if (fake.platform === 'darwin') {
      // UNUserNotificationCenter removes delivered notifications by identifier, asynchronously:
      // a newer one shown meanwhile under the same identifier goes too.
      const tag = this.tag;
      setImmediate(() => {
        for (const n of FakeNotification.all) if (n.presented && n.tag === tag) n.presented = false;
      });
    }
    this.emit('close', { reason: fake.platform === 'win32' ? 'applicationHidden' : undefined });
  }
  // Test helpers: what the OS would report. A notification the platform has let go delivers nothing.
  click(): void {
    if (!this.presented) return;
    this.presented = false;
    this.emit('click', {});
  }
  action(index: number): void {
    if (!this.presented) return;
    this.presented = false;
    this.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
  }
  fail(message: string): void {
    if (!this.presented) return;
    this.presented = false;
    this.emit('failed', {}, message);
  }
  /** Windows: the toast left the screen for the Action Center. The object stays in the presenter. */
  timeOut(): void {
    if (!this.presented) return;
    this.emit('close', { reason: 'timedOut' });
  }
  /** The user dismissed it. */
  dismiss(): void {
    if (!this.presented) return;
    this.presented = false;
    this.emit('close', fake.platform === 'win32' ? { reason: 'userCanceled' } : {});
  }
  /**
   * Windows (windows_toast_activator.cc HandleToastActivation): a toast with this tag was
   * clicked or a button pressed, perhaps in the Action Center or after the app restarted.
   * The activation callback hears it first (or it is stored until one registers); then the
   * live object with that tag, if the platform still has one, gets its own event.
   */
  static activate(tag: string, how: { actionIndex?: number } = {}): void {
    const details: FakeActivation =
      how.actionIndex === undefined
        ? { type: 'click', arguments: '' } // the toast body carries no launch arguments
        : { type: 'action', actionIndex: how.actionIndex, arguments: `type=action&action=${how.actionIndex}&tag=${tag}` };
    // The first object in the presenter's list with that tag is the target, as in Electron.
    const target = FakeNotification.all.find((n) => n.presented && n.tag === tag);
    // A body click on a live toast comes through WinRT's Activated event straight to the
    // object (windows_toast_notification.cc: only structured action/reply arguments go
    // through HandleToastActivation); otherwise the COM activator reports it.
    if (how.actionIndex === undefined && target) return target.click();
    if (activationCallback) activationCallback(details);
    else storedActivation = details;
    if (!target) return;
    if (how.actionIndex === undefined) target.click();
    else target.action(how.actionIndex);
  }
  /** Only Windows has it (electron_api_notification.cc: #if BUILDFLAG(IS_WIN)). */
  static get handleActivation(): ((cb: (details: FakeActivation) => void) => void) | undefined {
    if (fake.platform !== 'win32') return undefined;
    return (cb) => {
      activationCallback = cb;
      const held = storedActivation;
      storedActivation = null;
      if (held) cb(held);
    };
  }
}

/** Test helper: a real garbage collection, after the current job, so WeakRefs can clear. */
export async function collectGarbage(): Promise<void> {
  FakeNotification.forgetStrong();
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    fake.dialogs.push({ kind: 'error', title, content });
    record('dialog.showErrorBox', title, content);
  },
};

type Handler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, Handler>(),
  listeners: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    ipcMain.handlers.delete(channel);
  },
  on(channel: string, listener: Handler): void {
    ipcMain.listeners.set(channel, listener);
  },
  removeListener(channel: string, listener: Handler): void {
    if (ipcMain.listeners.get(channel) === listener) ipcMain.listeners.delete(channel);
  },
  /** Test helper: an ipcRenderer.send from `sender`'s frame (no answer), arguments cloned as IPC does. */
  emitFrom(channel: string, from: { sender: FakeWebContents; senderFrame: FakeWebFrameMain | null }, ...args: unknown[]): void {
    ipcMain.listeners.get(channel)?.(from, ...structuredClone(args));
  },
  /** Test helper: an invoke from `sender`'s frame, arguments cloned as IPC does. */
  async invoke(channel: string, from: { sender: FakeWebContents; senderFrame: FakeWebFrameMain | null }, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const result = await handler(from, ...structuredClone(args));
    return structuredClone(result);
  },
};

const appEmitter = new EventEmitter();
let ready = false;
let readyPromise: Promise<void> | null = null;
export const app = Object.assign(appEmitter, {
  get isPackaged() {
    return fake.isPackaged;
  },
  dock: { hide: () => record('dock.hide') },
  getPath: (name: string) => fake.paths.get(name) ?? `/tmp/fake-electron/${name}`,
  setPath: (name: string, value: string) => {
    fake.paths.set(name, value);
    record('app.setPath', name, value);
  },
  getName: () => '友米待办',
  getVersion: () => '0.1.0',
  getLocale: () => fake.locale,
  isReady: () => ready,
  // 'ready' comes from the platform after the main module has run: never in the same turn.
  whenReady: () => {
    readyPromise ??= new Promise<void>((resolve) =>
      setTimeout(() => {
        ready = true;
        appEmitter.emit('ready', {}, {});
        resolve();
      }, 0),
    );
    return readyPromise;
  },
  requestSingleInstanceLock: () => {
    record('app.requestSingleInstanceLock');
    return fake.platformLock;
  },
  /** Test helper: a second launch while this instance holds the lock (app.md 'second-instance'). */
  launchSecondInstance(argv: string[], workingDirectory = '/'): void {
    if (fake.platformLock) appEmitter.emit('second-instance', {}, argv, workingDirectory, {});
  },
  // app.md: before-quit (cancellable), then every window is closed (a window may cancel by
  // preventing 'close'), then will-quit and quit.
  quit: () => {
    record('app.quit');
    let prevented = false;
    appEmitter.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    for (const w of FakeBrowserWindow.all) {
      if (w.destroyed) continue;
      w.close();
      if (!w.destroyed) return;
    }
    appEmitter.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    fake.quitted = true;
    appEmitter.emit('quit', {}, 0);
  },
  exit: (code = 0) => {
    record('app.exit', code);
    fake.exitCode = code;
  },
  commandLine: {
    switches: new Map<string, string>(),
    appendSwitch(name: string, value = '') {
      app.commandLine.switches.set(name, value);
      record('app.commandLine.appendSwitch', name, value);
    },
    hasSwitch(name: string) {
      return app.commandLine.switches.has(name);
    },
    getSwitchValue(name: string) {
      return app.commandLine.switches.get(name) ?? '';
    },
  },
  enableSandbox: () => record('app.enableSandbox'),
  setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
  setToastActivatorCLSID: (id: string) => record('app.setToastActivatorCLSID', id),
  setLoginItemSettings: (s: unknown) => record('app.setLoginItemSettings', s),
  getLoginItemSettings: () => ({ openAtLogin: false, ...fake.loginItem }),
});

type WebRequestListener = (details: Record<string, unknown>, callback: (r: Record<string, unknown>) => void) => void;
export const session = {
  defaultSession: {
    webRequest: {
      headersReceived: null as WebRequestListener | null,
      beforeRequest: null as WebRequestListener | null,
      onHeadersReceived(l: WebRequestListener) {
        this.headersReceived = l;
      },
      onBeforeRequest(l: WebRequestListener) {
        this.beforeRequest = l;
      },
    },
    permissionRequest: null as ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: Record<string, unknown>) => void) | null,
    permissionCheck: null as ((wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null,
    devicePermission: null as ((details: unknown) => boolean) | null,
    setPermissionRequestHandler(h: typeof this.permissionRequest) {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler(h: typeof this.permissionCheck) {
      this.permissionCheck = h;
    },
    setDevicePermissionHandler(h: typeof this.devicePermission) {
      this.devicePermission = h;
    },
  },
};

export const shell = {
  openExternal: async (url: string, opts?: unknown) => {
    record('shell.openExternal', url, opts);
  },
};

// Reversible and visibly not the plaintext, like real ciphertext.
const scramble = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
export const safeStorage = {
  isEncryptionAvailable: () => fake.safe.available,
  getSelectedStorageBackend: () => fake.safe.backend,
  encryptString: (plain: string) => {
    if (!fake.safe.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('v10'), scramble(Buffer.from(plain, 'utf8'))]);
  },
  decryptString: (buf: Buffer) => {
    if (buf.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return scramble(buf.subarray(3)).toString('utf8');
  },
};

type Point = { x: number; y: number };
type Rectangle = Point & { width: number; height: number };
const allDisplays = () => [fake.display, ...fake.displays];
const distance = (p: Point, r: Rectangle) => {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width - 1));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height - 1));
  return dx * dx + dy * dy;
};
const overlap = (a: Rectangle, b: Rectangle) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
// screen.md: the display nearest the point; the display that most closely intersects the rectangle.
export const screen = {
  getCursorScreenPoint: () => ({ ...fake.cursor }),
  getDisplayNearestPoint: (p: Point) => allDisplays().reduce((best, d) => (distance(p, d.bounds) < distance(p, best.bounds) ? d : best)),
  getDisplayMatching: (r: Rectangle) => {
    const scored = allDisplays().map((d) => ({ d, o: overlap(r, d.bounds) }));
    const top = scored.reduce((a, b) => (b.o > a.o ? b : a));
    return top.o > 0 ? top.d : screen.getDisplayNearestPoint({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
  },
  getPrimaryDisplay: () => fake.display,
  getAllDisplays: () => allDisplays(),
};

export const powerMonitor = new EventEmitter();
/** Chromium's network error names for what Node's fetch reports (net_error_list.h). */
const NODE_TO_NET: Record<string, string> = {
  ECONNREFUSED: 'ERR_CONNECTION_REFUSED',
  ECONNRESET: 'ERR_CONNECTION_RESET',
  ENOTFOUND: 'ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'ERR_NAME_RESOLUTION_FAILED',
  EHOSTUNREACH: 'ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'ERR_INTERNET_DISCONNECTED',
  UND_ERR_SOCKET: 'ERR_CONNECTION_CLOSED',
};
export const net = {
  isOnline: () => fake.online,
  /**
   * Electron's net.fetch (lib/browser/api/net-fetch.ts): a WHATWG fetch whose network
   * failures reject with `new Error('net::ERR_…')` and whose abort rejects with the
   * signal's reason. Played here by Node's fetch on real sockets.
   */
  fetch: async (url: string, init?: RequestInit): Promise<Response> => {
    record('net.fetch', url, init?.method ?? 'GET');
    try {
      return await globalThis.fetch(url, init);
    } catch (e) {
      if (init?.signal?.aborted) throw init.signal.reason ?? e;
      let code: string | undefined;
      for (let cur: unknown = e; cur && !code; cur = (cur as { cause?: unknown }).cause) code = (cur as { code?: string }).code;
      throw new Error(`net::${(code && NODE_TO_NET[code]) ?? 'ERR_FAILED'}`);
    }
  },
};
export const nativeTheme = { shouldUseDarkColors: false };

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoked: [] as { channel: string; args: unknown[] }[],
  /** ipcRenderer.send calls (fire and forget), in order. */
  sentToMain: [] as { channel: string; args: unknown[] }[],
  send(channel: string, ...args: unknown[]): void {
    ipcRenderer.sentToMain.push({ channel, args: structuredClone(args) });
  },
  answer: (async () => ({ ok: true, value: null })) as (channel: string, ...args: unknown[]) => Promise<unknown>,
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    ipcRenderer.invoked.push({ channel, args });
    return ipcRenderer.answer(channel, ...args);
  },
});

export function resetFake(): void {
  fake.calls.length = 0;
  fake.platformLock = true;
  fake.loginItem = { wasOpenedAtLogin: false };
  fake.isPackaged = false;
  fake.paths.clear();
  fake.locale = 'zh-CN';
  fake.online = true;
  fake.safe = { available: true, backend: 'gnome_libsecret' };
  fake.display = structuredClone(DEFAULT_DISPLAY);
  fake.displays = [];
  fake.cursor = { x: 100, y: 100 };
  fake.notificationsSupported = true;
  fake.platform = process.platform;
  fake.pageLoadMs = 15;
  fake.exitCode = null;
  fake.quitted = false;
  fake.dialogs = [];
  ready = false;
  readyPromise = null;
  app.commandLine.switches.clear();
  FakeBrowserWindow.all.length = 0;
  FakeTray.all.length = 0;
  FakeNotification.reset();
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  appEmitter.removeAllListeners();
  powerMonitor.removeAllListeners();
  const ses = session.defaultSession;
  ses.webRequest.headersReceived = null;
  ses.webRequest.beforeRequest = null;
  ses.permissionRequest = null;
  ses.permissionCheck = null;
  ses.devicePermission = null;
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.sentToMain.length = 0;
  ipcRenderer.answer = async () => ({ ok: true, value: null });
}

/** What vi.mock('electron') returns: the named exports and a default, as `electron` has. */
export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu,
  nativeImage,
  Notification: FakeNotification,
  dialog,
  ipcMain,
  session,
  shell,
  safeStorage,
  screen,
  powerMonitor,
  net,
  nativeTheme,
  contextBridge,
  ipcRenderer,
  default: undefined as unknown,
};
electronModule.default = electronModule;
