/**
 * The method half of `window.youmi`, written once for both carriers (the Electron preload's
 * IPC and the browser host's WebSocket). Each method is spelled out so the compiler checks
 * its arguments and result against YoumiBridge; the carrier only moves an argument list.
 */
import type { BridgeArgs, BridgeMethod, BridgeValue, YoumiBridge } from './types';
import type { Result } from '../errors';

/** Sends one call and answers with its Result (never throws; a lost carrier is an error Result). */
export type BridgeInvoke = <M extends BridgeMethod>(method: M, args: BridgeArgs<M>) => Promise<Result<BridgeValue<M>>>;

export function bridgeMethods(invoke: BridgeInvoke): Pick<YoumiBridge, BridgeMethod> {
  return {
    getSnapshot: () => invoke('getSnapshot', []),
    markDone: (ids) => invoke('markDone', [ids]),
    undoDone: (ids) => invoke('undoDone', [ids]),
    snooze: (ids, choice) => invoke('snooze', [ids, choice]),
    refresh: () => invoke('refresh', []),
    pause: (choice) => invoke('pause', [choice]),
    getSettings: () => invoke('getSettings', []),
    saveSettings: (patch) => invoke('saveSettings', [patch]),
    testConnection: (draft) => invoke('testConnection', [draft]),
    listStaff: (draft) => invoke('listStaff', [draft]),
    useDemo: () => invoke('useDemo', []),
    useRelay: (url, code) => invoke('useRelay', [url, code]),
    hideWindow: () => invoke('hideWindow', []),
    setPinned: (pinned) => invoke('setPinned', [pinned]),
    openConversation: (todoId) => invoke('openConversation', [todoId]),
    followUp: (todoId, draft) => invoke('followUp', [todoId, draft]),
    createTodo: (draft) => invoke('createTodo', [draft]),
    handOff: (todoId, staffCode, note) => invoke('handOff', [todoId, staffCode, note]),
    getHistory: () => invoke('getHistory', []),
    listColleagues: () => invoke('listColleagues', []),
  };
}
