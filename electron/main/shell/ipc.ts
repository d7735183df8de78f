/**
 * The bridge in main: one ipcMain.handle per contract method. The sender is checked first
 * (our window's main frame, showing our page); then the app validates the arguments
 * against the shared schemas. Failures come back as Result values, never as thrown strings.
 */
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { BRIDGE_METHODS, EVENT_CHANNELS, invokeChannel, SNAPSHOT_RESYNC_CHANNEL } from '../../../shared/contract/channels';
import type { SnapshotMessage } from '../../../shared/contract/delta';
import type { Result } from '../../../shared/errors';
import { createSnapshotFeed, type FeedConnection, type SnapshotSource } from '../app/snapshot-feed';

/** What the sender check reads: the same on an invoke and on a one-way message. */
export type IpcSender = Pick<IpcMainEvent | IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export interface IpcDeps {
  dispatch: (method: string, args: unknown) => Promise<Result<unknown>>;
  isTrustedSender: (event: IpcSender) => boolean;
  log: (line: string) => void;
}

export const UNTRUSTED_SENDER: Result<never> = {
  ok: false,
  error: { kind: 'invalid-request', detail: 'message from a frame that is not the app window' },
};

/** The sender check, where a check that throws counts as a refusal. */
function trusted(deps: Pick<IpcDeps, 'isTrustedSender'>, event: IpcSender): boolean {
  try {
    return deps.isTrustedSender(event);
  } catch {
    return false;
  }
}

/** Registers the handlers; returns a function that removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!trusted(deps, event)) {
        deps.log(`ipc: rejected ${method} from an untrusted sender`);
        return UNTRUSTED_SENDER;
      }
      try {
        return await deps.dispatch(method, args);
      } catch (e) {
        // dispatch promises never to throw; this keeps a stack out of the renderer if it ever does.
        deps.log(`ipc: ${method} threw: ${e instanceof Error ? e.message : String(e)}`);
        return { ok: false, error: { kind: 'internal', detail: `${method} failed` } };
      }
    });
  }
  return () => {
    for (const method of BRIDGE_METHODS) ipcMain.removeHandler(invokeChannel(method));
  };
}

/**
 * Snapshots to the window as deltas (issue 13 item 2): each page load is a connection that
 * gets a full snapshot, then only changes; the page asks again (SNAPSHOT_RESYNC_CHANNEL)
 * when it sees a gap. Before the page has loaded, or once it is gone, nothing is diffed or
 * serialised for it. Returns a function that detaches it.
 */
export function attachSnapshotFeed(
  win: Pick<BrowserWindow, 'webContents'>,
  source: SnapshotSource,
  deps: Pick<IpcDeps, 'isTrustedSender' | 'log'>,
): () => void {
  const feed = createSnapshotFeed(source, deps.log);
  const wc = win.webContents;
  let conn: FeedConnection | null = null;
  const send = (msg: SnapshotMessage): void => {
    if (!wc.isDestroyed()) wc.send(EVENT_CHANNELS.snapshot, msg);
  };
  const close = (): void => {
    conn?.close();
    conn = null;
  };
  const open = (): void => {
    close();
    conn = feed.connect(send);
  };
  const resync = (event: IpcMainEvent): void => {
    if (!trusted(deps, event)) {
      deps.log('ipc: rejected a snapshot resync from an untrusted sender');
      return;
    }
    conn?.resync();
  };
  wc.on('did-finish-load', open);
  wc.on('did-start-loading', close);
  wc.on('render-process-gone', close);
  wc.on('destroyed', close);
  ipcMain.on(SNAPSHOT_RESYNC_CHANNEL, resync);
  // Attached after the page loaded: it is a connection already.
  const url = wc.getURL();
  if (!wc.isDestroyed() && !wc.isLoading() && url !== '' && url !== 'about:blank') open();
  return () => {
    close();
    wc.off('did-finish-load', open);
    wc.off('did-start-loading', close);
    wc.off('render-process-gone', close);
    wc.off('destroyed', close);
    ipcMain.removeListener(SNAPSHOT_RESYNC_CHANNEL, resync);
  };
}
