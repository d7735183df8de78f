/**
 * The todo service: sync + reminders + local state behind one object, Electron-free.
 * Hosts (Electron shell, CLI, web host) and tests plug in the clock, the notifier, the
 * store and the todo source.
 *
 * Accounts: local state is kept per scope (default: the staff code; pass a scope that
 * includes the server/tenant, or 'demo', when several id spaces are possible). Switching
 * the account with setSource keeps every scope's done marks, so switching back restores
 * them; inactive scopes are pruned after 90 days.
 */
import type {
  PauseChoice,
  ReminderEvent,
  Snapshot,
  SnoozeChoice,
  SyncStatus,
  TodoView,
} from '../../../shared/contract/types';
import { DEFAULT_SETTINGS, type SavedSettings } from '../../../shared/settings';
import { fail, ok, type AppError, type Result } from '../../../shared/errors';
import { isDue as isDueNow } from '../../../shared/time';
import type { ClosedReason, Todo } from '../../../shared/todo';
import { StateWriteError } from '../store/state-file-error';
import { LocalState, type StorageStatus } from './local-state';
import { nextDue, type ReminderInputs } from './occurrences';
import type { Clock, KeyValueStore, Notifier, TodoSource } from './ports';
import { createBurstGate, reminderEvents } from './reminder-events';
import type { ReminderLanguage } from './reminder-text';
import { Scheduler, type DueItem, type SchedulerStats } from './scheduler';
import { TodoViews } from './todo-views';
import { Sync, clampPollSec, type SyncChanges } from './sync';
import { ChoiceError, isQuiet, resolvePause, resolveSnooze } from './time-windows';

/** The settings the service runs on; defaults and limits are shared/settings.ts's. */
export type ServiceSettings = Pick<SavedSettings, 'pollIntervalSec' | 'repeatIntervalMin' | 'quietHours'> & {
  /** Notification text, already decided from the setting and the system's locale. */
  language: ReminderLanguage;
};

const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  pollIntervalSec: DEFAULT_SETTINGS.pollIntervalSec,
  repeatIntervalMin: DEFAULT_SETTINGS.repeatIntervalMin,
  quietHours: DEFAULT_SETTINGS.quietHours,
  language: 'zh-CN',
};

export interface TodoServiceOptions {
  clock: Clock;
  notifier: Notifier;
  /** The service opens the state from this store… */
  store?: KeyValueStore;
  /** …or uses a LocalState the app opened first (to read its settings). */
  state?: LocalState;
  source: TodoSource | null;
  staff: string | null;
  /** Whose local state: default the staff code ('' when none). */
  scope?: string;
  demo?: boolean;
  settings?: Partial<ServiceSettings>;
  log?: (line: string) => void;
  /** Coalescing window for reminder bookkeeping writes (default 1000 ms). */
  persistCoalesceMs?: number;
  /**
   * How long start() holds missed reminders while the first sync may still say they were
   * handled; start() resolves when the first sync is done or this has passed. Default 5 s.
   */
  startupGraceMs?: number;
}

export type WakeReason = 'resume' | 'unlock' | 'online' | 'clock-change';

export interface TodoChanges {
  added: number[];
  updated: number[];
  closed: { id: number; reason: ClosedReason }[];
  /** Done marks dropped because the server changed the remind time. */
  reopened: number[];
}

interface Events {
  snapshot: Snapshot;
  reminder: ReminderEvent;
  status: SyncStatus;
  changes: TodoChanges;
}
export type ServiceEventName = keyof Events;

export interface TodoService {
  start(): Promise<void>;
  stop(): Promise<void>;
  snapshot(): Snapshot;
  /** One todo, open or closed, without building a snapshot: for a reminder's line or text. */
  todo(id: number): Todo | undefined;
  /** Whether one todo is due now by the snapshot's rule (shared/time.ts), without building a snapshot. */
  isDue(id: number): boolean;
  on<E extends ServiceEventName>(event: E, cb: (payload: Events[E]) => void): () => void;
  markDone(ids: number[]): Result<null>;
  undoDone(ids: number[]): Result<null>;
  snooze(ids: number[], choice: SnoozeChoice): Result<null>;
  pause(choice: PauseChoice): Result<null>;
  syncNow(): Promise<SyncStatus>;
  wake(reason: WakeReason): void;
  updateSettings(partial: Partial<ServiceSettings>): void;
  setSource(source: TodoSource | null, staff: string | null, opts?: { scope?: string; demo?: boolean }): Promise<void>;
  status(): SyncStatus;
  storage(): StorageStatus;
  /** Resolves when no sync is in flight. */
  whenIdle(): Promise<void>;
  /** snapshots: how many were built (a host with no page open builds none). */
  stats(): { scheduler: SchedulerStats; writes: number; snapshots: number };
}

export function createTodoService(o: TodoServiceOptions): TodoService {
  const { clock, notifier } = o;
  const log = o.log ?? (() => {});
  let settings: ServiceSettings = { ...DEFAULT_SERVICE_SETTINGS, ...o.settings };
  let staff = o.staff;
  let demo = o.demo ?? false;
  const scopeOf = (s: string | null, explicit?: string) => explicit ?? s ?? '';
  const state =
    o.state ??
    LocalState.open({
      store: o.store ?? missingStore(),
      clock,
      scope: scopeOf(staff, o.scope),
      log,
      ...(o.persistCoalesceMs === undefined ? {} : { coalesceMs: o.persistCoalesceMs }),
    });
  if (o.state) state.useScope(scopeOf(staff, o.scope));

  const listeners: { [E in ServiceEventName]: Set<(p: Events[E]) => void> } = {
    snapshot: new Set(),
    reminder: new Set(),
    status: new Set(),
    changes: new Set(),
  };
  const emit = <E extends ServiceEventName>(event: E, payload: Events[E]) => {
    for (const cb of [...listeners[event]]) {
      try {
        cb(payload);
      } catch (e) {
        log(`service: a ${event} listener failed: ${String(e)}`);
      }
    }
  };

  let byId = new Map<number, Todo>();
  const reindex = () => {
    byId = new Map(state.marks().todos().map((t) => [t.id, t]));
  };
  reindex();

  const intervalMs = () => Math.max(1, Math.round(settings.repeatIntervalMin)) * 60_000;
  const iso = (t: number) => new Date(t).toISOString();

  const inputs = (id: number): { todo: Todo; local: ReminderInputs } | undefined => {
    const todo = byId.get(id);
    if (!todo) return undefined;
    return { todo, local: state.marks().inputs(todo) };
  };

  let started = false;
  let stopped = false;
  let ready = false;

  const scheduler = new Scheduler({
    clock,
    intervalMs,
    quietHours: () => settings.quietHours,
    pausedUntil: () => state.pausedUntil(),
    inputs,
    deliver,
    // A clock that reports jumps itself has already woken us; otherwise lateness tells.
    ...(clock.onJump
      ? {}
      : {
          onLate: (ms: number) => {
            log(`reminders: timer fired ${Math.round(ms / 1000)} s late; re-checking (sleep or clock change)`);
            wake('clock-change');
          },
        }),
  });
  const evaluate = () => {
    if (ready && !stopped) scheduler.evaluate();
  };

  /** Syncs someone is waiting for (syncNow: the refresh button, a CLI command). */
  let asked = 0;
  const sync = new Sync(
    {
      clock,
      log,
      known: () => state.marks().todos(),
      missingCount: (id) => state.marks().missingCount(id),
      apply,
      onStatus: (s) => {
        emit('status', s);
        // A background poll of a list already shown changes the status twice (syncing, then
        // ok or a failure): only the outcome is worth a snapshot, built once with the poll's
        // changes. 正在同步 is shown when someone waits for it: before the first success,
        // and for a sync asked for (the refresh button).
        if (s.state !== 'syncing' || s.lastSuccessAt === null || asked > 0) scheduleSnapshot();
      },
    },
    o.source,
    staff,
    settings.pollIntervalSec,
    state.marks().listAt(),
  );

  // ---- reminders -------------------------------------------------------------------

  const burst = createBurstGate({
    clock,
    language: () => settings.language,
    send: (ev) => {
      try {
        notifier.notify(ev);
      } catch (e) {
        log(`reminders: the notifier failed for ${ev.key}: ${String(e)}`);
      }
      emit('reminder', ev);
    },
    onFlushed: () => state.touch('soon'),
  });

  function deliver(items: DueItem[], now: number): void {
    if (state.mergeExternal({ hinted: true })) {
      // Another process (the CLI) changed marks: drop what is no longer due.
      const interval = intervalMs();
      items = items.filter((it) => {
        const x = inputs(it.todo.id);
        const due = x ? nextDue(x.todo, x.local, interval) : null;
        return due !== null && due <= now;
      });
      for (const id of byId.keys()) scheduler.update(id);
    }
    // Shown before a crash or by another process: recorded, not repeated.
    const fresh = state.marks().recordDeliveries(items, now);
    if (items.length === 0) return;
    const events = reminderEvents(fresh, { language: settings.language, repeatMinutes: settings.repeatIntervalMin, now });
    // Shown first, then saved: a crash in between repeats a reminder rather than lose it.
    // While the burst limit holds some back, nothing is saved until they were shown too.
    for (const ev of events) burst.push(ev);
    if (!burst.holding()) state.touch('soon');
    scheduleSnapshot();
  }

  // ---- sync results ----------------------------------------------------------------

  function apply(c: SyncChanges): void {
    if (stopped) return;
    const prev = byId;
    const effects = state.marks().applySync(c, prev);
    // Only the ids the poll changed move; every other todo is the object already held.
    for (const { todo } of c.closed) byId.delete(todo.id);
    for (const t of c.added) byId.set(t.id, t);
    for (const t of c.updated) byId.set(t.id, t);
    if (byId.size !== c.open.length) reindex();
    const dirty = effects.dirty || c.added.length > 0 || c.updated.length > 0 || c.closed.length > 0;
    const reopened = effects.reopened;
    state.touch(dirty ? 'soon' : 'soft');
    for (const t of c.added) scheduler.update(t.id);
    for (const t of c.updated) scheduler.update(t.id);
    for (const { todo } of c.closed) scheduler.remove(todo.id);
    evaluate();
    if (c.added.length + c.updated.length + c.closed.length > 0) {
      emit('changes', {
        added: c.added.map((t) => t.id),
        updated: c.updated.map((t) => t.id),
        closed: c.closed.map(({ todo, reason }) => ({ id: todo.id, reason })),
        reopened,
      });
    }
    if (dirty) scheduleSnapshot();
  }

  // ---- snapshot ----------------------------------------------------------------------

  let snapshotQueued = false;
  function scheduleSnapshot(): void {
    if (snapshotQueued || listeners.snapshot.size === 0) return;
    snapshotQueued = true;
    queueMicrotask(() => {
      snapshotQueued = false;
      if (listeners.snapshot.size > 0) emit('snapshot', snapshot());
    });
  }

  function storageProblem(): Snapshot['storageProblem'] {
    const st = state.storage;
    const problem = st.lastWriteError ?? st.problem;
    return problem ? { detail: problem.detail, movedTo: st.lastWriteError ? null : st.movedTo } : null;
  }

  /** Memoised per todo: an unchanged todo keeps its view object from one snapshot to the next. */
  const views = new TodoViews();
  let built = 0;

  function snapshot(): Snapshot {
    built++;
    const now = clock.now();
    const marks = state.marks();
    const view = (t: Todo, closed: TodoView['closed']): TodoView => {
      const due = closed ? null : scheduler.nextDueOf(t.id);
      return views.view(t, marks.view(t), closed, due === null ? null : scheduler.effective(due));
    };
    const todos: TodoView[] = marks.todos().map((t) => view(t, null));
    for (const c of marks.closedList()) {
      if (!byId.has(c.todo.id)) todos.push(view(c.todo, { reason: c.reason, at: c.at }));
    }
    views.done();
    const paused = state.pausedUntil();
    return {
      todos,
      status: sync.status(),
      reminders: {
        pausedUntil: paused !== null && paused > now ? iso(paused) : null,
        quietNow: isQuiet(now, settings.quietHours),
      },
      demo,
      staff,
      storageProblem: storageProblem(),
      generatedAt: iso(now),
    };
  }

  // ---- user actions -------------------------------------------------------------------

  const known = (id: number) => byId.has(id) || state.marks().isClosed(id);

  function checkIds(ids: number[]): AppError | null {
    if (!Array.isArray(ids) || ids.length === 0) return { kind: 'invalid-request', detail: 'no todo ids' };
    const unknown = ids.filter((id) => !known(id));
    if (unknown.length > 0) return { kind: 'not-found', detail: `unknown todo ids: ${unknown.join(', ')}` };
    return null;
  }

  /** Persists a user action; the in-memory change stands either way (reminders obey it). */
  function persistNow(ids: number[]): Result<null> {
    let result: Result<null> = ok(null);
    try {
      state.touch('now');
    } catch (e) {
      result = fail(e instanceof StateWriteError ? e.toAppError() : { kind: 'storage', detail: String(e) });
    }
    for (const id of ids) scheduler.update(id);
    evaluate();
    scheduleSnapshot();
    return result;
  }

  function markDone(ids: number[]): Result<null> {
    const bad = checkIds(ids);
    if (bad) return fail(bad);
    state.mergeExternal();
    const marks = state.marks();
    const now = clock.now();
    for (const id of ids) marks.markDone(id, byId.get(id) ?? marks.closedTodo(id), now);
    return persistNow(ids);
  }

  function undoDone(ids: number[]): Result<null> {
    const bad = checkIds(ids);
    if (bad) return fail(bad);
    state.mergeExternal();
    const marks = state.marks();
    const now = clock.now();
    for (const id of ids) {
      if (!marks.undoDone(id)) continue;
      const x = inputs(id);
      if (!x) continue;
      // What fell due while it was done counts as seen: undo never pops a reminder at once;
      // an isAlways todo resumes at its next step.
      const due = nextDue(x.todo, x.local, intervalMs());
      if (due !== null && due <= now) marks.markSeen(x.todo, due, now);
    }
    return persistNow(ids);
  }

  function snooze(ids: number[], choice: SnoozeChoice): Result<null> {
    const bad = checkIds(ids);
    if (bad) return fail(bad);
    let until: number;
    try {
      until = resolveSnooze(choice, clock.now());
    } catch (e) {
      return fail({ kind: 'invalid-request', detail: e instanceof ChoiceError ? e.message : String(e) });
    }
    state.mergeExternal();
    const marks = state.marks();
    for (const id of ids) {
      const todo = byId.get(id);
      if (todo) marks.snooze(todo, until);
    }
    return persistNow(ids);
  }

  function pause(choice: PauseChoice): Result<null> {
    let until: number | null;
    try {
      until = resolvePause(choice, clock.now());
    } catch (e) {
      return fail({ kind: 'invalid-request', detail: e instanceof ChoiceError ? e.message : String(e) });
    }
    let result: Result<null> = ok(null);
    try {
      state.setPausedUntil(until);
    } catch (e) {
      result = fail(e instanceof StateWriteError ? e.toAppError() : { kind: 'storage', detail: String(e) });
    }
    evaluate();
    scheduleSnapshot();
    return result;
  }

  // ---- lifecycle -----------------------------------------------------------------------

  let unsubscribeJump: (() => void) | null = null;

  function wake(reason: WakeReason): void {
    if (!started || stopped) return;
    log(`service: wake (${reason})`);
    if (reason !== 'clock-change') sync.resetBackoff();
    try {
      state.flush(false);
    } catch {
      // logged by the state; retried on its own timer
    }
    evaluate();
    scheduleSnapshot();
    void sync.syncNow();
  }

  async function start(): Promise<void> {
    if (started) return;
    started = true;
    unsubscribeJump = clock.onJump?.((delta) => {
      log(`clock: wall clock jumped ${Math.round(delta / 1000)} s`);
      wake('clock-change');
    }) ?? null;
    scheduler.rebuild(byId.keys());
    const first = sync.start();
    // Missed reminders wait briefly for the first sync, which may say they were handled
    // meanwhile; offline they still come, from the cached list.
    let grace: ReturnType<Clock['setTimer']> | null = null;
    const gate = new Promise<void>((resolve) => {
      grace = clock.setTimer(resolve, o.startupGraceMs ?? 5_000);
      void first.then(resolve);
    });
    void gate.then(() => {
      if (grace) clock.clearTimer(grace);
      ready = true;
      evaluate();
      scheduleSnapshot();
    });
    scheduleSnapshot();
    await gate;
  }

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    unsubscribeJump?.();
    burst.stop();
    scheduler.stop();
    sync.stop();
    state.close();
  }

  return {
    start,
    stop,
    snapshot,
    todo: (id) => byId.get(id) ?? state.marks().closedTodo(id),
    isDue(id) {
      const t = byId.get(id); // a closed todo is not in byId, and never due
      return t !== undefined && isDueNow({ remindAt: t.remindAt, local: state.marks().view(t), closed: null }, clock.now());
    },
    on(event, cb) {
      listeners[event].add(cb);
      return () => listeners[event].delete(cb);
    },
    markDone,
    undoDone,
    snooze,
    pause,
    async syncNow() {
      asked++;
      try {
        await sync.syncNow();
      } finally {
        asked--;
      }
      return sync.status();
    },
    wake,
    updateSettings(partial) {
      const before = settings;
      settings = { ...settings, ...partial };
      if (partial.pollIntervalSec !== undefined) sync.setInterval(clampPollSec(settings.pollIntervalSec));
      if (settings.repeatIntervalMin !== before.repeatIntervalMin) scheduler.rebuild(byId.keys());
      evaluate();
      scheduleSnapshot();
    },
    async setSource(source, newStaff, opts = {}) {
      staff = newStaff;
      demo = opts.demo ?? demo;
      try {
        state.flush(false);
      } catch {
        // logged by the state
      }
      state.useScope(scopeOf(newStaff, opts.scope));
      reindex();
      scheduler.rebuild(byId.keys());
      evaluate();
      scheduleSnapshot();
      await sync.setSource(source, newStaff);
    },
    status: () => sync.status(),
    storage: () => state.storage,
    whenIdle: () => sync.whenIdle(),
    stats: () => ({ scheduler: { ...scheduler.stats }, writes: state.storage.writes, snapshots: built }),
  };
}

function missingStore(): never {
  throw new Error('createTodoService needs a store or a state');
}

