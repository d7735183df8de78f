/**
 * A recording fake of the `electron` module, for tests of the shell adapters on a machine
 * where no Electron binary can run. It implements only what the shell uses, records every
 * call, and lets a test play the platform (fire tray clicks, notification events, IPC from
 * a given frame, power events). Use:
 *   vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
 * and call `resetFake()` in beforeEach.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface Call {
  name: string;
  args: unknown[];
}

export const fake = {
  calls: [] as Call[],
  platformLock: true,
  loginItem: { wasOpenedAtLogin: false },
  isPackaged: false,
  paths: new Map<string, string>(),
  locale: 'zh-CN',
  online: true,
  safe: { available: true, backend: 'gnome_libsecret' as string },
  display: {
    id: 1,
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1,
  },
  cursor: { x: 100, y: 100 },
  notificationsSupported: true,
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
  private finishLoad(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
    setTimeout(() => {
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    }, 0);
    return Promise.resolve();
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
  setVisibleOnAllWorkspaces(): void {}
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.webContents.destroyed = true;
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
}

export class FakeNotification extends EventEmitter {
  static all: FakeNotification[] = [];
  shown = false;
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeNotification.all.push(this);
  }
  static isSupported(): boolean {
    return fake.notificationsSupported;
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
    this.emit('close', { reason: 'applicationHidden' });
  }
  // Test helpers: what the OS would report.
  click(): void {
    this.emit('click', {});
  }
  action(index: number): void {
    this.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
  }
  fail(message: string): void {
    this.emit('failed', {}, message);
  }
}

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
  /** Test helper: an invoke from `sender`'s frame, arguments cloned as IPC does. */
  async invoke(channel: string, from: { sender: FakeWebContents; senderFrame: FakeWebFrameMain | null }, ...args: unknown[]): Promise<unknown> {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const result = await handler(from, ...structuredClone(args));
    return structuredClone(result);
  },
};

const appEmitter = new EventEmitter();
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
  whenReady: () => Promise.resolve(),
  requestSingleInstanceLock: () => {
    record('app.requestSingleInstanceLock');
    return fake.platformLock;
  },
  quit: () => record('app.quit'),
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

export const screen = {
  getCursorScreenPoint: () => ({ ...fake.cursor }),
  getDisplayNearestPoint: () => fake.display,
  getDisplayMatching: () => fake.display,
  getPrimaryDisplay: () => fake.display,
};

export const powerMonitor = new EventEmitter();
export const net = { isOnline: () => fake.online };
export const nativeTheme = { shouldUseDarkColors: false };

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoked: [] as { channel: string; args: unknown[] }[],
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
  fake.display = {
    id: 1,
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1,
  };
  fake.cursor = { x: 100, y: 100 };
  fake.notificationsSupported = true;
  FakeBrowserWindow.all.length = 0;
  FakeTray.all.length = 0;
  FakeNotification.all.length = 0;
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
