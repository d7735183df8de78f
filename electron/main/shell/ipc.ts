/**
 * The bridge in main: one ipcMain.handle per contract method. The sender is checked first
 * (our window's main frame, showing our page); then the app validates the arguments
 * against the shared schemas. Failures come back as Result values, never as thrown strings.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { BRIDGE_METHODS, invokeChannel } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/errors';

export interface IpcDeps {
  dispatch: (method: string, args: unknown) => Promise<Result<unknown>>;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  log: (line: string) => void;
}

export const UNTRUSTED_SENDER: Result<never> = {
  ok: false,
  error: { kind: 'invalid-request', detail: 'message from a frame that is not the app window' },
};

/** Registers the handlers; returns a function that removes them. */
export function registerIpc(deps: IpcDeps): () => void {
  for (const method of BRIDGE_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      let trusted = false;
      try {
        trusted = deps.isTrustedSender(event);
      } catch {
        trusted = false;
      }
      if (!trusted) {
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
