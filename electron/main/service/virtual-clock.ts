/**
 * A clock for tests and benchmarks. Time only moves when told:
 * - `advance(ms)` moves wall and monotonic time together, running due timers in order,
 *   each at its own instant;
 * - `jump(ms)` moves only the wall clock, like a sleep (the monotonic clock stops on
 *   Linux/macOS) or a manual change, and fires nothing: the capped re-check notices it
 *   within `maxArmMs` of later `advance`, exactly as the system clock would.
 * It is the same CappedClock as production over virtual primitives, so tests exercise
 * the real timer core.
 */
import { CappedClock, type CappedClockOptions, type TimerPrimitives } from './capped-clock';
import type { Clock, TimerHandle } from './ports';

interface RawTimer {
  at: number;
  seq: number;
  fn: () => void;
}

export class VirtualClock implements Clock {
  private wall: number;
  private mono = 0;
  private raws: RawTimer[] = [];
  private seq = 0;
  private readonly core: CappedClock;

  constructor(start: number | string | Date = Date.UTC(2025, 0, 6, 0, 0, 0), options: CappedClockOptions = {}) {
    this.wall = typeof start === 'number' ? start : new Date(start).getTime();
    const primitives: TimerPrimitives = {
      wallNow: () => this.wall,
      monoNow: () => this.mono,
      arm: (fn, ms) => {
        const raw: RawTimer = { at: this.mono + Math.max(0, ms), seq: this.seq++, fn };
        let i = this.raws.length;
        while (i > 0 && this.raws[i - 1]!.at > raw.at) i--;
        this.raws.splice(i, 0, raw);
        return raw;
      },
      disarm: (handle) => {
        const i = this.raws.indexOf(handle as RawTimer);
        if (i >= 0) this.raws.splice(i, 1);
      },
    };
    this.core = new CappedClock(primitives, options);
  }

  now(): number {
    return this.wall;
  }
  setTimer(fn: () => void, ms: number): TimerHandle {
    return this.core.setTimer(fn, ms);
  }
  clearTimer(handle: TimerHandle): void {
    this.core.clearTimer(handle);
  }
  onJump(listener: (deltaMs: number) => void): () => void {
    return this.core.onJump(listener);
  }

  get stats() {
    return this.core.stats;
  }
  /** Monotonic milliseconds since construction. */
  get monotonic(): number {
    return this.mono;
  }
  pending(): number {
    return this.core.pending();
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.mono + Math.max(0, ms);
    let guard = 0;
    for (;;) {
      const next = this.raws[0];
      if (!next || next.at > target) break;
      if (++guard > 50_000_000) throw new Error('VirtualClock: runaway timers');
      this.raws.shift();
      this.step(next.at - this.mono);
      next.fn();
    }
    this.step(target - this.mono);
  }

  /** Advances to an absolute wall time (must not be in the past). */
  advanceTo(wall: number | string | Date): void {
    const t = typeof wall === 'number' ? wall : new Date(wall).getTime();
    this.advance(Math.max(0, t - this.wall));
  }

  /**
   * Like advance, but awaits `settle()` after each wake-up, so that work a timer starts
   * (a sync over real HTTP) finishes before virtual time moves on.
   */
  async advanceAsync(ms: number, settle: () => Promise<unknown>): Promise<void> {
    const target = this.mono + Math.max(0, ms);
    await settle();
    for (;;) {
      const next = this.raws[0];
      if (!next || next.at > target) break;
      this.raws.shift();
      this.step(next.at - this.mono);
      next.fn();
      await settle();
    }
    this.step(target - this.mono);
    await settle();
  }

  /** Moves the wall clock only (sleep, manual change); fires nothing by itself. */
  jump(ms: number): void {
    this.wall += ms;
  }

  private step(d: number): void {
    this.mono += d;
    this.wall += d;
  }
}
