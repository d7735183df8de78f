/**
 * The vendor request budget: at most `perMinute` requests in any 60 s window, whatever
 * the team size. A request over budget waits for the oldest one to leave the window
 * rather than being sent; the relay's client runs without its own retries so that every
 * HTTP request passes here exactly once.
 */
import type { HttpRequest, HttpResponse, HttpTransport } from '../../electron/main/api/http';

export interface Budget {
  take(): Promise<void>;
  /** Requests sent in the last minute (for the health and bench output). */
  usedLastMinute(): number;
  /** Every request sent so far. */
  total(): number;
  wrap(t: HttpTransport): HttpTransport;
}

const WINDOW_MS = 60_000;

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createBudget(perMinute: number, now: () => number = Date.now, sleep: (ms: number) => Promise<void> = realSleep): Budget {
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new RangeError('the request budget must be a positive whole number per minute');
  const sent: number[] = [];
  let count = 0;
  let queue: Promise<void> = Promise.resolve();
  const trim = (t: number): void => {
    while (sent.length > 0 && sent[0]! <= t - WINDOW_MS) sent.shift();
  };
  async function takeOne(): Promise<void> {
    for (;;) {
      const t = now();
      trim(t);
      if (sent.length < perMinute) {
        sent.push(t);
        count++;
        return;
      }
      await sleep(sent[0]! + WINDOW_MS - t + 1);
    }
  }
  const budget: Budget = {
    take() {
      // One at a time, in arrival order.
      const next = queue.then(takeOne);
      queue = next.catch(() => {});
      return next;
    },
    usedLastMinute() {
      trim(now());
      return sent.length;
    },
    total: () => count,
    wrap(t) {
      return {
        async send(req: HttpRequest): Promise<HttpResponse> {
          await budget.take();
          return t.send(req);
        },
        close: () => t.close(),
      };
    },
  };
  return budget;
}
