/**
 * The single entry point for messages from a renderer (Electron IPC or the browser host's
 * WebSocket). Everything is validated against the shared contract before it reaches a
 * handler, and nothing thrown escapes as a string or a stack.
 */
import { BRIDGE_METHODS } from '../../../shared/contract/channels';
import { bridgeArgSchemas } from '../../../shared/contract/schemas';
import type { BridgeMethod, YoumiBridge } from '../../../shared/contract/types';
import type { AppError, Result } from '../../../shared/errors';
import { isSettingProblem } from '../../../shared/settings';
import { toAppError } from '../api/errors';

export type BridgeHandlers = {
  [M in BridgeMethod]: (...args: Parameters<YoumiBridge[M]>) => ReturnType<YoumiBridge[M]>;
};

const isBridgeMethod = (m: string): m is BridgeMethod => (BRIDGE_METHODS as readonly string[]).includes(m);

export async function dispatch(
  handlers: BridgeHandlers,
  method: string,
  args: unknown,
): Promise<Result<unknown>> {
  if (!isBridgeMethod(method)) {
    return { ok: false, error: { kind: 'invalid-request', detail: `unknown method ${JSON.stringify(method).slice(0, 60)}` } };
  }
  const parsed = bridgeArgSchemas[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'arguments';
    const error: AppError = { kind: 'invalid-request', detail: `${method}: ${where}: ${issue?.message ?? 'invalid'}` };
    // A setting shared/settings.ts refused: the form shows it on its field.
    const field = issue?.path[1];
    if (issue && typeof field === 'string' && isSettingProblem(issue.message)) {
      error.setting = { field: field === 'quietHours' ? (issue.path[2] === 'end' ? 'quietEnd' : 'quietStart') : field, problem: issue.message };
    }
    return { ok: false, error };
  }
  try {
    const handler = handlers[method] as (...a: unknown[]) => Promise<Result<unknown>>;
    return await handler(...(parsed.data as unknown[]));
  } catch (e) {
    return { ok: false, error: toAppError(e) };
  }
}
