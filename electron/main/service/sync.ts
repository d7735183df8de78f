/**
 * Polling the staff member's open todos, with backoff and a status, and deciding what
 * changed. A todo is closed only once that is confirmed:
 * - the lookup by id (usersate -1) says handled (sate 1) or cancelled (sate 2): closed at
 *   once with that reason, so "handled on the server" stops reminders within one poll;
 * - the lookup says still open and addressed to us: a paging shift, kept open;
 * - the lookup finds nothing (or the todo now belongs to someone else): closed as 'gone'
 *   only when that happens on two polls in a row. One extra poll of a deleted todo's
 *   reminder is the price of never closing a todo on one odd answer;
 * - the lookup fails (network): kept open, nothing counted;
 * - while the list reports skipped (unparseable) items or stopped paging early, "not found"
 *   is not counted either, since the missing todo may be the one that was not read.
 */
import { DEFAULT_SETTINGS, SETTING_LIMITS } from '../../../shared/settings';
import type { SyncState, SyncStatus } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import type { ClosedReason, Todo } from '../../../shared/todo';
import { toAppError } from '../api/errors';
import { isAddressedTo } from '../api/mine';
import type { Clock, TimerHandle, TodoSource } from './ports';
import { sameTodo } from './same-todo';

export const MAX_BACKOFF_MS = 5 * 60_000;
/** Lookups per poll; the rest stay open and are looked up on the next poll. */
const LOOKUP_LIMIT = 100;
const LOOKUP_CONCURRENCY = 4;
const GONE_AFTER_POLLS = 2;
const SEEN = Symbol('seen');

/**
 * What one poll changed. Ids in none of `added`, `updated` and `closed` are unchanged,
 * and their `Todo` in `open` is the very object of the previous list (reference-equal):
 * consumers re-arm, re-render or re-send only the ids listed here.
 */
export interface SyncChanges {
  /** The new open list: the fetched todos plus those kept open while unconfirmed. */
  open: Todo[];
  /** New in the open list (first seen, or back after being closed). */
  added: Todo[];
  /** Changed: a new object with the new fields. */
  updated: Todo[];
  /** Removed from the open list. */
  closed: { todo: Todo; reason: ClosedReason }[];
  /** New consecutive-missing counters; 0 clears. */
  missing: Map<number, number>;
  at: number;
}

export interface SyncDeps {
  clock: Clock;
  log: (line: string) => void;
  /** The open todos known now, in list order. */
  known(): readonly Todo[];
  missingCount(id: number): number;
  apply(changes: SyncChanges): void;
  onStatus(status: SyncStatus): void;
  /**
   * Whether a todo the lookup found still open belongs to this list (default: addressed to
   * `staff`). The team relay polls for everybody, so for it every open todo is still "ours".
   */
  ours?(todo: Todo, staff: string): boolean;
}

/** The same ids in the same order (so no duplicates either, as the held list has none). */
function sameIds(a: readonly Todo[], b: readonly Todo[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id) return false;
  return true;
}

export function stateForError(e: AppError): SyncState {
  switch (e.kind) {
    case 'network':
    case 'timeout':
      return 'offline';
    case 'auth':
      return 'auth-failed';
    case 'config':
      return 'config-missing';
    default:
      return 'error';
  }
}

export const clampPollSec = (sec: number | undefined): number =>
  Math.max(SETTING_LIMITS.pollIntervalSec.min, Number.isFinite(sec) ? Math.round(sec!) : DEFAULT_SETTINGS.pollIntervalSec);

export class Sync {
  private statusValue: SyncStatus = { state: 'ok', lastSuccessAt: null, lastError: null, nextSyncAt: null };
  private timer: TimerHandle | null = null;
  private inflight: Promise<void> | null = null;
  private rerun = false;
  private failures = 0;
  private gen = 0;
  /** idle: not started, syncNow still works once (the CLI's one-shot commands) but nothing is scheduled. */
  private phase: 'idle' | 'running' | 'stopped' = 'idle';
  private intervalMs: number;

  constructor(
    private readonly d: SyncDeps,
    private source: TodoSource | null,
    private staff: string | null,
    pollIntervalSec: number,
    lastSuccessAt: string | null,
  ) {
    this.intervalMs = clampPollSec(pollIntervalSec) * 1000;
    this.statusValue = { ...this.statusValue, lastSuccessAt };
    if (!this.configured()) this.statusValue = { ...this.statusValue, state: 'config-missing' };
  }

  status(): SyncStatus {
    return this.statusValue;
  }

  start(): Promise<void> {
    if (this.phase === 'stopped') return Promise.resolve();
    this.phase = 'running';
    return this.syncNow();
  }

  stop(): void {
    this.phase = 'stopped';
    this.gen++;
    this.clearTimer();
  }

  setSource(source: TodoSource | null, staff: string | null): Promise<void> {
    this.source = source;
    this.staff = staff;
    this.gen++;
    this.failures = 0;
    this.inflight = null;
    this.rerun = false;
    this.setStatus({ state: this.configured() ? 'ok' : 'config-missing', lastSuccessAt: null, lastError: null });
    return this.phase === 'running' ? this.syncNow() : Promise.resolve();
  }

  setInterval(sec: number): void {
    const ms = clampPollSec(sec) * 1000;
    if (ms === this.intervalMs) return;
    this.intervalMs = ms;
    if (this.phase === 'running' && !this.inflight && this.failures === 0 && this.timer) this.schedule(ms);
  }

  /** Forget the backoff (the network came back, the machine woke up). */
  resetBackoff(): void {
    this.failures = 0;
  }

  /** Syncs at once; if one is running, runs again right after it (it may predate a wake). */
  syncNow(): Promise<void> {
    if (this.phase === 'stopped') return Promise.resolve();
    if (this.inflight) {
      this.rerun = true;
      return this.whenIdle();
    }
    this.clearTimer();
    const gen = this.gen;
    const p: Promise<void> = this.run(gen).finally(() => {
      if (this.inflight !== p) return;
      this.inflight = null;
      if (this.phase === 'stopped' || gen !== this.gen || !this.rerun) return;
      this.rerun = false;
      void this.syncNow();
    });
    this.inflight = p;
    return this.whenIdle();
  }

  /** Resolves when no sync is running (tests, benchmarks, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.inflight) await this.inflight.catch(() => {});
  }

  private configured(): boolean {
    return this.source !== null && !!this.staff;
  }

  private async run(gen: number): Promise<void> {
    const source = this.source;
    const staff = this.staff;
    if (!source || !staff) {
      this.setStatus({
        state: 'config-missing',
        lastError: { kind: 'config', detail: 'no account or staff code configured' },
        nextSyncAt: null,
      });
      return;
    }
    this.setStatus({ state: 'syncing' });
    try {
      const list = await source.listMyOpenTodos(staff);
      if (gen !== this.gen) return;
      const changes = await this.diff(source, staff, list.todos, list.skipped > 0 || list.incomplete === true, gen);
      if (gen !== this.gen || !changes) return;
      this.d.apply(changes);
      this.failures = 0;
      this.schedule(this.intervalMs, {
        state: 'ok',
        lastSuccessAt: new Date(this.d.clock.now()).toISOString(),
        lastError: null,
      });
    } catch (e) {
      if (gen !== this.gen) return;
      const error = toAppError(e);
      this.failures++;
      const state = stateForError(error);
      const delay =
        state === 'auth-failed' || state === 'config-missing'
          ? MAX_BACKOFF_MS
          : Math.min(this.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS);
      this.d.log(`sync: ${state}: ${error.detail} (retry in ${Math.round(delay / 1000)} s)`);
      this.schedule(delay, { state, lastError: error });
    }
  }

  private async diff(
    source: TodoSource,
    staff: string,
    fetched: Todo[],
    partial: boolean,
    gen: number,
  ): Promise<SyncChanges | null> {
    const known = this.d.known();
    const changes: SyncChanges = {
      open: [],
      added: [],
      updated: [],
      closed: [],
      missing: new Map(),
      at: this.d.clock.now(),
    };
    // An unchanged todo stays the object the service already holds: the client hands the
    // same object back for an unchanged item (no field compare then), and a fresh copy
    // with equal fields (a lookup, another source) gives way to the one held.
    const keepOpen = (t: Todo, before: Todo | undefined) => {
      if (!before) {
        changes.open.push(t);
        changes.added.push(t);
      } else if (before === t || sameTodo(before, t)) {
        changes.open.push(before);
      } else {
        changes.open.push(t);
        changes.updated.push(t);
      }
    };
    const take = (t: Todo, held: Todo | undefined) => {
      if (t.state === 'handled' || t.state === 'cancelled') {
        if (held) changes.closed.push({ todo: t, reason: t.state });
        return;
      }
      keepOpen(t, held);
      if (this.d.missingCount(t.id) > 0) changes.missing.set(t.id, 0);
    };
    let absent: Todo[] = [];
    if (sameIds(fetched, known)) {
      // Most polls list the held todos in the same order: no index, nothing absent.
      for (let i = 0; i < fetched.length; i++) take(fetched[i]!, known[i]);
    } else {
      // id → the todo held before this poll, or SEEN once the list had that id.
      const before = new Map<number, Todo | typeof SEEN>();
      for (const t of known) before.set(t.id, t);
      for (const t of fetched) {
        const held = before.get(t.id);
        if (held === SEEN) continue;
        before.set(t.id, SEEN);
        take(t, held);
      }
      absent = known.filter((t) => before.get(t.id) !== SEEN);
    }
    const looked = await this.lookup(source, absent.slice(0, LOOKUP_LIMIT));
    if (gen !== this.gen) return null;
    for (const held of absent) {
      const r = looked.get(held.id);
      if (r === undefined || r.error) {
        changes.open.push(held);
        continue;
      }
      const t = r.todo;
      if (t && (t.state === 'handled' || t.state === 'cancelled')) {
        changes.closed.push({ todo: t, reason: t.state });
        continue;
      }
      // No recipients at all is more likely unparsed data than a reassignment: keep it.
      const ours = t !== null && (t.recipients.length === 0 || (this.d.ours ?? isAddressedTo)(t, staff));
      if (t && ours) {
        // Still open and ours: the list skipped it (paging shift). Keep it, fresh.
        keepOpen(t, held);
        if (this.d.missingCount(t.id) > 0) changes.missing.set(t.id, 0);
        continue;
      }
      const count = this.d.missingCount(held.id) + (partial ? 0 : 1);
      if (count >= GONE_AFTER_POLLS) {
        changes.closed.push({ todo: t ?? held, reason: 'gone' });
        changes.missing.set(held.id, 0);
      } else {
        changes.open.push(held);
        changes.missing.set(held.id, count);
      }
    }
    if (absent.length > LOOKUP_LIMIT) {
      this.d.log(`sync: ${absent.length} todos left the list; ${LOOKUP_LIMIT} looked up this poll`);
    }
    return changes;
  }

  private async lookup(
    source: TodoSource,
    todos: Todo[],
  ): Promise<Map<number, { todo: Todo | null; error: boolean }>> {
    const out = new Map<number, { todo: Todo | null; error: boolean }>();
    let next = 0;
    const worker = async () => {
      while (next < todos.length) {
        const id = todos[next++]!.id;
        try {
          out.set(id, { todo: await source.getTodo(id), error: false });
        } catch (e) {
          out.set(id, { todo: null, error: true });
          this.d.log(`sync: lookup of #${id} failed: ${toAppError(e).detail}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, todos.length) }, worker));
    return out;
  }

  private schedule(ms: number, patch: Partial<SyncStatus> = {}): void {
    this.clearTimer();
    if (this.phase !== 'running') {
      this.setStatus(patch);
      return;
    }
    this.timer = this.d.clock.setTimer(() => {
      this.timer = null;
      void this.syncNow();
    }, ms);
    this.setStatus({ ...patch, nextSyncAt: new Date(this.d.clock.now() + ms).toISOString() });
  }

  private clearTimer(): void {
    if (this.timer) this.d.clock.clearTimer(this.timer);
    this.timer = null;
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    const next = { ...this.statusValue, ...patch };
    const s = this.statusValue;
    if (
      next.state === s.state &&
      next.lastSuccessAt === s.lastSuccessAt &&
      next.nextSyncAt === s.nextSyncAt &&
      JSON.stringify(next.lastError) === JSON.stringify(s.lastError)
    ) {
      return;
    }
    this.statusValue = next;
    this.d.onStatus(next);
  }
}
