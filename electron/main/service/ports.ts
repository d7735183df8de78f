/**
 * The edges of the todo service. Each host (Electron shell, CLI, browser host) and each
 * test plugs its own implementation in; the service itself never touches Electron,
 * the real clock, the disk or the network directly.
 */
import type { Todo } from '../../../shared/todo';
import type { ReminderEvent } from '../../../shared/contract/types';

/** Wall-clock time plus one-shot timers. Tests use a virtual clock that can jump. */
export interface Clock {
  now(): number;
  /** Calls `fn` once after `ms` (as measured by this clock). */
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
export type TimerHandle = { readonly id: number } | object;

/** Shows a reminder to the user (native notification, browser notification, a CLI line). */
export interface Notifier {
  notify(reminder: ReminderEvent): void;
}

/**
 * Whole-document persistence of the service's state. `read` returns undefined when there
 * is nothing yet; it throws a StateFileError (with the path the corrupt file was moved to)
 * when the file cannot be used. `write` must be atomic.
 */
export interface KeyValueStore {
  read(): unknown;
  write(doc: unknown): void;
  readonly path: string;
}

/** Where todos come from: the Youmi API client in production and in tests (over loopback). */
export interface TodoSource {
  /** The staff member's open todos addressed to them (all pages). */
  listMyOpenTodos(staff: string): Promise<{ todos: Todo[]; skipped: number }>;
  /** One todo by id in any state, or null when the server no longer has it. */
  getTodo(id: number): Promise<Todo | null>;
}
