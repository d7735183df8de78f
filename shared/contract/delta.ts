/**
 * Snapshots as deltas (issue 13 item 2): a bridge sends one full Snapshot per connection,
 * then only what changed. Each message carries the connection's sequence number; a page
 * that sees a gap (a lost or reordered message) asks for a full snapshot again.
 * Types only: the preload bundles this without a validation library (schemas: delta-schema.ts).
 */
import type { Snapshot, TodoView } from './types';

/** The part of a todo's view that this machine decides (its marks), sent without the todo. */
export interface TodoMarksPatch {
  id: number;
  local: TodoView['local'];
  closed: TodoView['closed'];
  nextReminderAt: TodoView['nextReminderAt'];
}

/** Customer names added or changed (value) or forgotten (null), and the staff list when it changed. */
export interface NamesPatch {
  customers?: Record<string, NonNullable<Snapshot['names']>['customers'][string] | null>;
  staff?: NonNullable<Snapshot['names']>['staff'];
}

/** Top-level snapshot fields other than the list; only those that changed are present. */
export type SnapshotFields = Omit<Snapshot, 'todos' | 'names' | 'generatedAt'>;

export interface SnapshotDelta {
  /** Todos added, or whose server data changed: whole views. */
  upsert: TodoView[];
  /** Todos whose server data is unchanged but whose marks (done, snooze, closed, next reminder) changed. */
  marks: TodoMarksPatch[];
  /** Ids that left the list. */
  remove: number[];
  fields: Partial<SnapshotFields>;
  /** Optional fields that went away (JSON cannot carry undefined). */
  cleared?: (keyof SnapshotFields)[];
  names?: NamesPatch;
  generatedAt: string;
}

/** What the snapshot channel carries, per connection: `seq` is 1 for the first message and grows by one. */
export type SnapshotMessage = { seq: number; full: Snapshot } | { seq: number; delta: SnapshotDelta };

/** The page's request for a full snapshot after a gap (the WebSocket's message type; the IPC channel's name). */
export const RESYNC_MESSAGE = 'snapshot-resync';
