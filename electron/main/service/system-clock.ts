/**
 * The real clock: Date.now for the wall, performance.now for the monotonic reference,
 * setTimeout underneath, re-checked at least every `maxArmMs` (default 60 s).
 *
 * Cost of the cap, measured by bench/reminders.ts on Node 20: one wake-up per minute when
 * nothing is due (1,440 a day), each a few microseconds (a jump check and an array peek).
 * No per-second scanning: when a deadline is nearer than the cap, the arm is exact.
 */
import { performance } from 'node:perf_hooks';
import { CappedClock, type CappedClockOptions, type TimerPrimitives } from './capped-clock';

export interface SystemClockOptions extends CappedClockOptions {
  /** Do not keep the process alive for these timers (tests; the CLI keeps its own handle). */
  unref?: boolean;
  /** Injected for tests of jump detection; default Date.now / performance.now. */
  wallNow?: () => number;
  monoNow?: () => number;
}

export function createSystemClock(options: SystemClockOptions = {}): CappedClock {
  const primitives: TimerPrimitives = {
    wallNow: options.wallNow ?? Date.now,
    monoNow: options.monoNow ?? (() => performance.now()),
    arm(fn, ms) {
      const t = setTimeout(fn, ms);
      if (options.unref) t.unref();
      return t;
    },
    disarm(handle) {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
  return new CappedClock(primitives, options);
}
