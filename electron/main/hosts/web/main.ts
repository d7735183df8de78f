/**
 * `npm run demo:web`: the browser host. Builds the window, serves it on loopback with the
 * real service behind a WebSocket, and (with no account configured) the in-process
 * simulator with demo data. How the UI is developed and tested without Electron.
 *
 * For one user on their own machine: the page is reachable by every local process, so
 * the bridge admits only a page that presents this start's random token, which exists
 * only in the address printed here (after `#`, never sent to or served by the host).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReminderEvent } from '../../../../shared/contract/types';
import { effectiveLanguage } from '../../../../shared/language';
import type { WebSocketServer } from 'ws';
import { createApp } from '../../app/app';
import { acceptLanguageLocales, systemLocales } from '../../app/locale';
import type { YoumiApp } from '../../app/types';
import { remindLines } from '../remind-line';
import { plainVault } from '../../app/plain-vault';
import { accountOverrides, ACCOUNT_FLAG_OPTIONS } from '../account-flags';
import { RELAY_FLAG_OPTIONS, relayOverride } from '../relay-flags';
import { createNodeStore } from '../node-store';
import { buildWeb, WEB_OUT_DIR } from './build';
import { attachBridgeSocket } from './socket';
import { contentSecurityPolicy, createStaticHandler } from './static';

/** Reminders kept for a page that is not open yet; beyond this the oldest go (the terminal has them all). */
const MAX_UNSEEN = 200;

const USAGE =
  'usage: npm run demo:web -- [--port N] [--data-dir DIR] [--open] [--no-build] [--build-only] [account flags as for the CLI]';

function fail(line: string, code = 2): never {
  process.stderr.write(`${line}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: process.env.PORT ?? '4810' },
        'data-dir': { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        'build-only': { type: 'boolean', default: false },
        open: { type: 'boolean', default: false },
        ...ACCOUNT_FLAG_OPTIONS,
        ...RELAY_FLAG_OPTIONS,
      },
      strict: true,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535\n${USAGE}`);

  if (!values['no-build']) await buildWeb();
  if (values['build-only']) return;
  if (!existsSync(join(WEB_OUT_DIR, 'index.html'))) fail('out/web is not built: run without --no-build');

  const dataDir = resolve(values['data-dir'] ?? process.env.YOUMI_DATA_DIR ?? '.data/web');
  mkdirSync(dataDir, { recursive: true });

  let boundPort = port;
  // Every reminder reaches a sink: a REMIND line in this terminal (held until the banner is
  // out, so the address stays the first line), and the page through onReminder; one raised
  // while no page is open is kept and shown when a page connects.
  // The reminders' language is the page's: the setting, else its browser's locales (sent with
  // the bridge's upgrade request), else this machine's until a page has connected.
  let pageLocales: string[] | null = null;
  const locales = () => pageLocales ?? [...systemLocales(), 'en'];
  const lang = () => effectiveLanguage(app.settings().language, locales());
  const terminal: string[] = [];
  let bannerOut = false;
  const unseen: ReminderEvent[] = [];
  let pages: WebSocketServer | null = null;
  const remind = (r: ReminderEvent): void => {
    const text = remindLines(r, (id) => app.todoTitle(id), lang(), Date.now());
    if (bannerOut) process.stdout.write(text);
    else terminal.push(text);
    const open = pages ? [...pages.clients].some((c) => c.readyState === c.OPEN) : false;
    if (open) return;
    unseen.push(r);
    if (unseen.length > MAX_UNSEEN) unseen.shift();
  };
  const app: YoumiApp = await createApp({
    dataDir,
    store: createNodeStore(dataDir),
    vault: plainVault,
    notifier: { notify: (r) => remind(r) },
    host: {
      hideWindow: () => {},
      setPinned: () => {},
      openExternal: async () => {},
    },
    log: (line) => process.stderr.write(`${line}\n`),
    overrides: accountOverrides(values),
    relay: relayOverride(values),
    locales,
  });

  const server = createServer(createStaticHandler(WEB_OUT_DIR, () => contentSecurityPolicy(boundPort)));
  const token = randomBytes(32).toString('base64url');
  const wss = attachBridgeSocket(server, app, () => [`http://127.0.0.1:${boundPort}`, `http://localhost:${boundPort}`], token);
  pages = wss;
  wss.on('connection', (ws, req) => {
    const tags = acceptLanguageLocales(req.headers['accept-language']);
    if (tags.length > 0 && tags.join() !== pageLocales?.join()) {
      pageLocales = tags;
      app.localesChanged();
    }
    // After the bridge's own first snapshot: the reminders no page has seen yet.
    for (const r of unseen.splice(0)) ws.send(JSON.stringify({ type: 'event', channel: 'reminder', payload: r }));
  });
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(port, '127.0.0.1', ok);
  }).catch((e: NodeJS.ErrnoException) => fail(`cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message}`, 4));
  const address = server.address();
  boundPort = typeof address === 'object' && address ? address.port : port;
  await app.start();
  const problem = app.snapshot().storageProblem;
  if (problem?.movedTo) process.stderr.write(`warning: ${problem.detail}; the old file is kept as ${problem.movedTo}\n`);

  const pageUrl = `http://127.0.0.1:${boundPort}/#token=${token}`;
  process.stdout.write(`${pageUrl}\n`);
  if (values.open) openInBrowser(pageUrl);
  const demo = app.demoInfo();
  if (demo) process.stdout.write(`demo mode: simulator ${demo.url} (admin API ${demo.adminUrl}/todos), staff ${demo.staff}\n`);
  process.stdout.write(`data dir ${dataDir}\n`);
  process.stdout.write(
    lang() === 'en'
      ? 'Open the address above in a browser: reminders show there while a tab is open (the first click asks for notification permission); each one is also printed here as a REMIND line.\n'
      : '在浏览器里打开上面的地址：标签页开着时提醒会在页面上显示（第一次点击时会请求通知权限）；每条提醒也会在这里打印一行 REMIND。\n',
  );
  bannerOut = true;
  for (const text of terminal.splice(0)) process.stdout.write(text);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    wss.close();
    for (const c of wss.clients) c.terminate();
    server.closeAllConnections();
    server.close();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** The system's browser, where there is one; the printed address works the same. */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
      : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write('could not open a browser: open the address above yourself\n'));
  child.unref();
}

main().catch((e: unknown) => fail(`demo:web failed: ${e instanceof Error ? e.message : String(e)}`, 1));
