/**
 * The timer core shared by the real and the virtual clock. It keeps every timer as a
 * wall-clock deadline and arms ONE underlying timer, never longer than `maxArmMs`.
 *
 * Why: Node's setTimeout runs on the monotonic clock, which on Linux and macOS stops
 * while the machine sleeps, and a manual clock change does not move it at all. A
 * reminder armed for 09:00 before an 8 h sleep would otherwise fire 8 h late. Re-checking
 * at least every `maxArmMs` bounds how long a jump can go unnoticed; comparing the wall
 * clock's progress with the monotonic clock's tells a jump from a late timer, and is
 * reported to `onJump` listeners so the service can resync and re-evaluate.
 */
import type { Clock, TimerHandle } from './ports';

export interface TimerPrimitives {
  wallNow(): number;
  monoNow(): number;
  arm(fn: () => void, ms: number): unknown;
  disarm(handle: unknown): void;
}

export interface CappedClockOptions {
  /** Longest single underlying arm. Default 60 s: a jump is noticed within a minute. */
  maxArmMs?: number;
  /** Wall vs monotonic divergence that counts as a jump. Default 2 s. */
  jumpToleranceMs?: number;
}

interface Timer {
  readonly id: number;
  readonly deadline: number;
  readonly seq: number;
  readonly fn: () => void;
}

export interface CappedClockStats {
  /** setTimer calls. */
  timersSet: number;
  /** Underlying (setTimeout) arms, including the capped re-checks. */
  rawArms: number;
  /** Underlying wake-ups. */
  rawFires: number;
  jumps: number;
}

export class CappedClock implements Clock {
  readonly stats: CappedClockStats = { timersSet: 0, rawArms: 0, rawFires: 0, jumps: 0 };
  private readonly maxArmMs: number;
  private readonly tolerance: number;
  /** Sorted by (deadline, seq); services hold a handful of timers, so an array is enough. */
  private timers: Timer[] = [];
  private nextId = 1;
  private seq = 0;
  private raw: { handle: unknown; monoAt: number } | null = null;
  private lastWall: number;
  private lastMono: number;
  private readonly jumpListeners = new Set<(deltaMs: number) => void>();
  private ticking = false;

  constructor(
    private readonly p: TimerPrimitives,
    options: CappedClockOptions = {},
  ) {
    this.maxArmMs = Math.max(1, options.maxArmMs ?? 60_000);
    this.tolerance = options.jumpToleranceMs ?? 2_000;
    this.lastWall = p.wallNow();
    this.lastMono = p.monoNow();
  }

  now(): number {
    return this.p.wallNow();
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    this.stats.timersSet++;
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const timer: Timer = { id: this.nextId++, deadline: this.p.wallNow() + delay, seq: this.seq++, fn };
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.deadline > timer.deadline) i--;
    this.timers.splice(i, 0, timer);
    if (!this.ticking) this.rearm();
    return { id: timer.id };
  }

  clearTimer(handle: TimerHandle): void {
    const id = (handle as { id?: unknown }).id;
    const i = this.timers.findIndex((t) => t.id === id);
    if (i < 0) return;
    this.timers.splice(i, 1);
    // A raw arm that fires early only costs one spurious wake-up; re-arming on every
    // clear would double the arms when the scheduler replaces its timer.
    if (this.timers.length === 0 && this.raw) {
      this.p.disarm(this.raw.handle);
      this.raw = null;
    }
  }

  onJump(listener: (deltaMs: number) => void): () => void {
    this.jumpListeners.add(listener);
    return () => this.jumpListeners.delete(listener);
  }

  /** Number of pending timers (tests, diagnostics). */
  pending(): number {
    return this.timers.length;
  }

  /** Compares wall progress with monotonic progress since the last check. */
  checkJump(): void {
    const wall = this.p.wallNow();
    const mono = this.p.monoNow();
    const delta = wall - this.lastWall - (mono - this.lastMono);
    this.lastWall = wall;
    this.lastMono = mono;
    if (Math.abs(delta) > this.tolerance) {
      this.stats.jumps++;
      for (const l of [...this.jumpListeners]) l(delta);
    }
  }

  dispose(): void {
    this.timers = [];
    if (this.raw) this.p.disarm(this.raw.handle);
    this.raw = null;
    this.jumpListeners.clear();
  }

  private rearm(): void {
    const first = this.timers[0];
    if (!first) return;
    const wait = Math.min(Math.max(0, first.deadline - this.p.wallNow()), this.maxArmMs);
    const monoAt = this.p.monoNow() + wait;
    // Keep an arm that already wakes us no later than needed.
    if (this.raw && this.raw.monoAt <= monoAt) return;
    if (this.raw) this.p.disarm(this.raw.handle);
    this.stats.rawArms++;
    this.raw = { handle: this.p.arm(() => this.tick(), wait), monoAt };
  }

  private tick(): void {
    this.raw = null;
    this.stats.rawFires++;
    this.ticking = true;
    let failure: unknown = undefined;
    try {
      try {
        this.checkJump();
      } catch (e) {
        failure ??= e;
      }
      for (;;) {
        const first = this.timers[0];
        if (!first || first.deadline > this.p.wallNow()) break;
        this.timers.shift();
        try {
          first.fn();
        } catch (e) {
          // One failing callback must not starve the others; the first error is rethrown.
          failure ??= e;
        }
      }
    } finally {
      this.ticking = false;
      this.rearm();
    }
    if (failure !== undefined) throw failure;
  }
}
