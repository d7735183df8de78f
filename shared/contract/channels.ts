/**
 * Channel names only, so that the sandboxed preload bundles no validation library.
 * Invoke channels carry the method's arguments as an array; event channels carry one payload.
 */
import type { BridgeMethod } from './types';

export const BRIDGE_METHODS = [
  'getSnapshot',
  'markDone',
  'undoDone',
  'snooze',
  'refresh',
  'pause',
  'getSettings',
  'saveSettings',
  'testConnection',
  'listStaff',
  'useDemo',
  'useRelay',
  'hideWindow',
  'setPinned',
  'openConversation',
  'followUp',
  'createTodo',
  'handOff',
  'getHistory',
  'listColleagues',
] as const satisfies readonly BridgeMethod[];

export const invokeChannel = (method: BridgeMethod): string => `youmi:invoke:${method}`;

export const EVENT_CHANNELS = {
  snapshot: 'youmi:event:snapshot',
  reminder: 'youmi:event:reminder',
  focusTodo: 'youmi:event:focus-todo',
  openSettings: 'youmi:event:open-settings',
  newTodo: 'youmi:event:new-todo',
} as const;

/** Renderer → main, no answer: the page saw a gap in the snapshot sequence and wants a full one (delta.ts). */
export const SNAPSHOT_RESYNC_CHANNEL = 'youmi:snapshot:resync';
