/**
 * Reminder scheduling: every open todo's next due instant sits in one heap, and exactly
 * one clock timer is armed, for the earliest of them (moved later by a pause or quiet
 * hours). Nothing scans per second and no todo has its own timer.
 *
 * Each wake-up delivers everything due at that instant as one batch. Items whose first
 * pending occurrence is older than `graceMs` were missed (the app was closed, the machine
 * slept, a pause or quiet hours held them); the service turns more than 3 missed items
 * into one summary.
 */
import type { QuietHours } from '../../../shared/contract/types';
import type { Todo } from '../../../shared/todo';
import { DeadlineHeap } from './deadline-heap';
import { nextDue, occurrenceAt, type ReminderInputs } from './occurrences';
import type { Clock, TimerHandle } from './ports';
import { isQuiet, quietEnd } from './time-windows';

export interface DueItem {
  todo: Todo;
  /** The first pending due instant (what was missed, when late). */
  firstDue: number;
  /** The occurrence delivered (the latest isAlways step for a catch-up). */
  due: number;
  snoozed: boolean;
  /** Delivered later than `graceMs` after firstDue. */
  late: boolean;
}

export interface SchedulerDeps {
  clock: Clock;
  intervalMs(): number;
  quietHours(): QuietHours | null;
  pausedUntil(): number | null;
  inputs(id: number): { todo: Todo; local: ReminderInputs } | undefined;
  /** Everything due now, in due order. Must record the deliveries (fired/snooze). */
  deliver(items: DueItem[], now: number): void;
  /** The timer fired this much later than armed: a sleep or jump the clock did not report. */
  onLate?(lateMs: number): void;
  /** Default 60 s: within this, a reminder counts as on time. */
  graceMs?: number;
}

const LATE_DETECT_MS = 5_000;

export interface SchedulerStats {
  /** Timer arms (setTimer calls). */
  arms: number;
  /** Next-due recomputations of one todo (a poll recomputes only the todos it changed). */
  updates: number;
  /** Timer wake-ups. */
  fires: number;
  /** Items delivered. */
  delivered: number;
  /** Largest (delivery − due) over on-time items, ms. */
  maxLatenessMs: number;
}

export class Scheduler {
  readonly stats: SchedulerStats = { arms: 0, updates: 0, fires: 0, delivered: 0, maxLatenessMs: 0 };
  private readonly heap = new DeadlineHeap();
  private timer: TimerHandle | null = null;
  private armedFor: number | null = null;
  private evaluating = false;
  private again = false;
  private stopped = false;
  private readonly graceMs: number;

  constructor(private readonly d: SchedulerDeps) {
    this.graceMs = d.graceMs ?? 60_000;
  }

  /** Recomputes one todo's next due instant (call `evaluate` after a batch). */
  update(id: number): void {
    this.stats.updates++;
    const x = this.d.inputs(id);
    this.heap.set(id, x ? nextDue(x.todo, x.local, this.d.intervalMs()) : null);
  }

  remove(id: number): void {
    this.heap.set(id, null);
  }

  rebuild(ids: Iterable<number>): void {
    this.heap.clear();
    for (const id of ids) this.update(id);
  }

  /** The raw next due instant of a todo (before pause/quiet), or null. */
  nextDueOf(id: number): number | null {
    return this.heap.get(id);
  }

  /** When a reminder due at `t` would actually be shown, given pause and quiet hours. */
  effective(t: number): number {
    let at = Math.max(t, this.d.clock.now());
    for (let i = 0; i < 3; i++) {
      const paused = this.d.pausedUntil();
      if (paused !== null && at < paused) at = paused;
      const q = quietEnd(at, this.d.quietHours());
      if (q === at) break;
      at = q;
    }
    return at;
  }

  /** Whether delivery is held right now (pause or quiet hours). */
  heldNow(): boolean {
    const now = this.d.clock.now();
    const paused = this.d.pausedUntil();
    return (paused !== null && now < paused) || isQuiet(now, this.d.quietHours());
  }

  /** Delivers whatever is due now (unless held) and arms the timer for the next deadline. */
  evaluate(): void {
    if (this.stopped) return;
    if (this.evaluating) {
      this.again = true;
      return;
    }
    this.evaluating = true;
    try {
      do {
        this.again = false;
        this.deliverDue();
      } while (this.again);
      this.arm();
    } finally {
      this.evaluating = false;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.d.clock.clearTimer(this.timer);
    this.timer = null;
    this.armedFor = null;
  }

  private deliverDue(): void {
    const now = this.d.clock.now();
    if (this.heldNow()) return;
    const items: DueItem[] = [];
    const interval = this.d.intervalMs();
    for (let id = this.heap.popDue(now); id !== null; id = this.heap.popDue(now)) {
      const x = this.d.inputs(id);
      if (!x) continue;
      // The heap may be stale if local state changed without an update: recheck.
      const first = nextDue(x.todo, x.local, interval);
      if (first === null) continue;
      if (first > now) {
        this.heap.set(id, first);
        continue;
      }
      const occ = occurrenceAt(x.todo, x.local, interval, first, now);
      const late = now - first > this.graceMs;
      if (!late) this.stats.maxLatenessMs = Math.max(this.stats.maxLatenessMs, now - first);
      items.push({ todo: x.todo, firstDue: first, due: occ.due, snoozed: occ.snoozed, late });
    }
    if (items.length === 0) return;
    // Deterministic order for equal instants (the heap is not stable).
    items.sort((a, b) => a.due - b.due || a.todo.id - b.todo.id);
    this.stats.delivered += items.length;
    try {
      this.d.deliver(items, now);
    } finally {
      for (const it of items) this.update(it.todo.id);
    }
  }

  private arm(): void {
    const top = this.heap.peek();
    const at = top ? this.effective(top.due) : null;
    if (at === this.armedFor && this.timer) return;
    if (this.timer) this.d.clock.clearTimer(this.timer);
    this.timer = null;
    this.armedFor = at;
    if (at === null) return;
    this.stats.arms++;
    this.timer = this.d.clock.setTimer(() => this.onTimer(at), at - this.d.clock.now());
  }

  private onTimer(armedFor: number): void {
    this.timer = null;
    this.armedFor = null;
    this.stats.fires++;
    const late = this.d.clock.now() - armedFor;
    if (late > LATE_DETECT_MS) this.d.onLate?.(late);
    this.evaluate();
  }
}
