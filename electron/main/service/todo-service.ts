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
  Language,
  PauseChoice,
  QuietHours,
  ReminderEvent,
  Snapshot,
  SnoozeChoice,
  SyncStatus,
  TodoView,
} from '../../../shared/contract/types';
import { fail, ok, type AppError, type Result } from '../../../shared/errors';
import type { ClosedReason, Todo } from '../../../shared/todo';
import { StateWriteError } from '../store/state-file-error';
import { LocalState, type StorageStatus } from './local-state';
import { nextDue, occurrenceKey, sameInstant, type ReminderInputs } from './occurrences';
import type { Clock, KeyValueStore, Notifier, TodoSource } from './ports';
import {
  singleBody,
  singleTitle,
  summaryBody,
  summaryTitle,
  type ReminderLanguage,
} from './reminder-text';
import { Scheduler, type DueItem, type SchedulerStats } from './scheduler';
import { Sync, clampPollSec, type SyncChanges } from './sync';
import { ChoiceError, isQuiet, resolvePause, resolveSnooze } from './time-windows';

export interface ServiceSettings {
  /** Default 60, at least 15. */
  pollIntervalSec: number;
  /** isAlways repeat, default 10, at least 1. */
  repeatIntervalMin: number;
  quietHours: QuietHours;
  /** Notification text; 'system' means Chinese (the users' language). */
  language: Language;
}

export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  pollIntervalSec: 60,
  repeatIntervalMin: 10,
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
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
  on<E extends ServiceEventName>(event: E, cb: (payload: Events[E]) => void): () => void;
  markDone(ids: number[]): Result<null>;
  undoDone(ids: number[]): Result<null>;
  snooze(ids: number[], choice: SnoozeChoice): Result<null>;
  pause(choice: PauseChoice): Result<null>;
  syncNow(): Promise<SyncStatus>;
  wake(reason: WakeReason): void;
  updateSettings(partial: Partial<ServiceSettings>): void;
  setSource(source: TodoSource | null, staff: string | null, opts?: { scope?: string; demo?: boolean }): Promise<void>;
  getSettings(): Record<string, unknown>;
  setSettings(settings: Record<string, unknown>): Result<null>;
  status(): SyncStatus;
  storage(): StorageStatus;
  /** Resolves when no sync is in flight. */
  whenIdle(): Promise<void>;
  stats(): { scheduler: SchedulerStats; writes: number };
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
    byId = new Map(state.scope().todos.map((t) => [t.id, t]));
  };
  reindex();

  const intervalMs = () => Math.max(1, Math.round(settings.repeatIntervalMin)) * 60_000;
  const language = (): ReminderLanguage => (settings.language === 'en' ? 'en' : 'zh-CN');
  const iso = (t: number) => new Date(t).toISOString();

  const inputs = (id: number): { todo: Todo; local: ReminderInputs } | undefined => {
    const todo = byId.get(id);
    if (!todo) return undefined;
    const s = state.scope();
    const key = String(id);
    return { todo, local: { done: s.done[key], snooze: s.snoozes[key], fired: s.fired[key], closed: false } };
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

  const sync = new Sync(
    {
      clock,
      log,
      known: () => state.scope().todos,
      missingCount: (id) => state.scope().missing[String(id)] ?? 0,
      apply,
      onStatus: (s) => {
        emit('status', s);
        scheduleSnapshot();
      },
    },
    o.source,
    staff,
    settings.pollIntervalSec,
    state.scope().listAt,
  );

  // ---- reminders -------------------------------------------------------------------

  function deliver(items: DueItem[], now: number): void {
    if (state.mergeExternal()) {
      // Another process (the CLI) changed marks: drop what is no longer due.
      const interval = intervalMs();
      items = items.filter((it) => {
        const x = inputs(it.todo.id);
        const due = x ? nextDue(x.todo, x.local, interval) : null;
        return due !== null && due <= now;
      });
      for (const id of byId.keys()) scheduler.update(id);
    }
    const s = state.scope();
    const nowIso = iso(now);
    const fresh: (DueItem & { key: string })[] = [];
    for (const it of items) {
      const id = String(it.todo.id);
      const key = occurrenceKey(it.todo.id, it.due);
      s.fired[id] = { remindAt: it.todo.remindAt, due: iso(it.due), at: nowIso };
      if (it.snoozed) delete s.snoozes[id];
      // Shown before a crash or by another process: record, do not repeat.
      if (s.delivered[key] !== undefined) continue;
      s.delivered[key] = nowIso;
      fresh.push({ ...it, key });
    }
    if (items.length === 0) return;
    const lang = language();
    const events: ReminderEvent[] = [];
    const missed = fresh.filter((it) => it.late);
    for (const it of fresh) {
      if (it.late && missed.length > 3) continue;
      events.push({
        key: it.key,
        kind: 'single',
        todoIds: [it.todo.id],
        title: singleTitle(it.todo, lang),
        body: singleBody(
          {
            todo: it.todo,
            repeatMinutes: settings.repeatIntervalMin,
            missedDue: it.late ? it.firstDue : null,
            snoozed: it.snoozed,
            now,
          },
          lang,
        ),
        repeats: it.todo.isAlways,
        openTodoId: it.todo.id,
        at: iso(it.due),
      });
    }
    if (missed.length > 3) {
      events.push({
        key: `summary@${nowIso}`,
        kind: 'summary',
        todoIds: missed.map((it) => it.todo.id),
        title: summaryTitle(missed.length, lang),
        body: summaryBody(
          missed.map((it) => it.todo),
          lang,
        ),
        repeats: missed.some((it) => it.todo.isAlways),
        openTodoId: missed[0]!.todo.id,
        at: nowIso,
      });
    }
    // Shown first, then saved: a crash in between repeats a reminder rather than lose it.
    for (const ev of events) {
      try {
        notifier.notify(ev);
      } catch (e) {
        log(`reminders: the notifier failed for ${ev.key}: ${String(e)}`);
      }
      emit('reminder', ev);
    }
    state.touch('soon');
    scheduleSnapshot();
  }

  // ---- sync results ----------------------------------------------------------------

  function apply(c: SyncChanges): void {
    if (stopped) return;
    const s = state.scope();
    const prev = byId;
    const at = iso(c.at);
    let dirty = c.added.length > 0 || c.updated.length > 0 || c.closed.length > 0;
    const reopened: number[] = [];
    s.todos = c.open;
    reindex();
    for (const t of c.open) {
      const key = String(t.id);
      if (s.closed[key]) {
        delete s.closed[key];
        dirty = true;
      }
    }
    for (const t of c.updated) {
      const before = prev.get(t.id);
      if (!before || sameInstant(before.remindAt, t.remindAt)) continue;
      const key = String(t.id);
      // The server rescheduled it: a new occurrence, so an old done mark no longer holds.
      const mark = s.done[key];
      if (mark && !sameInstant(mark.remindAtWhenDone, t.remindAt)) {
        delete s.done[key];
        reopened.push(t.id);
        log(`todo #${t.id}: remind time changed to ${t.remindAt}; reopened`);
      }
      const snooze = s.snoozes[key];
      if (snooze && !sameInstant(snooze.remindAt, t.remindAt)) delete s.snoozes[key];
    }
    for (const { todo, reason } of c.closed) {
      const key = String(todo.id);
      s.closed[key] = { reason, at, todo };
      delete s.snoozes[key];
      delete s.missing[key];
      log(`todo #${todo.id}: closed (${reason})`);
    }
    for (const [id, n] of c.missing) {
      const key = String(id);
      if ((s.missing[key] ?? 0) === n) continue;
      if (n === 0) delete s.missing[key];
      else s.missing[key] = n;
      dirty = true;
    }
    s.listAt = at;
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

  function snapshot(): Snapshot {
    const now = clock.now();
    const s = state.scope();
    const view = (t: Todo, closed: TodoView['closed']): TodoView => {
      const key = String(t.id);
      const mark = s.done[key];
      const done = mark !== undefined && sameInstant(mark.remindAtWhenDone, t.remindAt);
      const snooze = s.snoozes[key];
      const snoozed = snooze && sameInstant(snooze.remindAt, t.remindAt) ? snooze.until : null;
      const due = closed ? null : scheduler.nextDueOf(t.id);
      return {
        ...t,
        local: { done, doneAt: done ? mark.doneAt : null, snoozedUntil: snoozed },
        closed,
        nextReminderAt: due === null ? null : iso(scheduler.effective(due)),
      };
    };
    const todos: TodoView[] = s.todos.map((t) => view(t, null));
    for (const c of Object.values(s.closed)) {
      if (!byId.has(c.todo.id)) todos.push(view(c.todo, { reason: c.reason, at: c.at }));
    }
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

  const known = (id: number) => byId.has(id) || state.scope().closed[String(id)] !== undefined;

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
    const s = state.scope();
    const now = iso(clock.now());
    for (const id of ids) {
      const todo = byId.get(id) ?? s.closed[String(id)]?.todo;
      const key = String(id);
      const mark = s.done[key];
      if (mark && sameInstant(mark.remindAtWhenDone, todo?.remindAt ?? null)) continue;
      s.done[key] = { doneAt: now, remindAtWhenDone: todo?.remindAt ?? null };
      delete s.snoozes[key];
    }
    return persistNow(ids);
  }

  function undoDone(ids: number[]): Result<null> {
    const bad = checkIds(ids);
    if (bad) return fail(bad);
    state.mergeExternal();
    const s = state.scope();
    const now = clock.now();
    for (const id of ids) {
      const key = String(id);
      if (!s.done[key]) continue;
      delete s.done[key];
      const x = inputs(id);
      if (!x) continue;
      // What fell due while it was done counts as seen: undo never pops a reminder at once;
      // an isAlways todo resumes at its next step.
      const due = nextDue(x.todo, x.local, intervalMs());
      if (due !== null && due <= now) {
        s.fired[key] = { remindAt: x.todo.remindAt, due: iso(due), at: iso(now) };
      }
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
    const s = state.scope();
    for (const id of ids) {
      const todo = byId.get(id);
      if (!todo) continue;
      s.snoozes[String(id)] = { until: iso(until), remindAt: todo.remindAt };
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
    scheduler.stop();
    sync.stop();
    state.close();
  }

  return {
    start,
    stop,
    snapshot,
    todo: (id) => byId.get(id) ?? state.scope().closed[String(id)]?.todo,
    on(event, cb) {
      listeners[event].add(cb);
      return () => listeners[event].delete(cb);
    },
    markDone,
    undoDone,
    snooze,
    pause,
    async syncNow() {
      await sync.syncNow();
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
    getSettings: () => state.getSettings(),
    setSettings(next) {
      try {
        state.setSettings(next);
        return ok(null);
      } catch (e) {
        return fail(e instanceof StateWriteError ? e.toAppError() : { kind: 'storage', detail: String(e) });
      }
    },
    status: () => sync.status(),
    storage: () => state.storage,
    whenIdle: () => sync.whenIdle(),
    stats: () => ({ scheduler: { ...scheduler.stats }, writes: state.storage.writes }),
  };
}

function missingStore(): never {
  throw new Error('createTodoService needs a store or a state');
}

