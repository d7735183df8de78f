/**
 * Deadlines that bound every network call of the client, and the way to stop them all:
 * - per request (HttpOptions.requestDeadlineMs, default 30 s): connect, headers and the
 *   whole body together, so a server that trickles its body cannot hold a call forever
 *   (undici's bodyTimeout restarts with every byte);
 * - per operation (a sync: every page and retry, default 60 s), carried to each request
 *   of that operation through AsyncLocalStorage, so the callers in between (the paging,
 *   the token source) need not pass it along;
 * - `stopAllRequests`: a host's stop or SIGTERM aborts every request in flight, and every
 *   retry wait, at once.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { NetworkError, TimeoutError } from './errors';

const operation = new AsyncLocalStorage<AbortSignal>();
let processStop = new AbortController();

/** Runs `fn` with an overall deadline; a request still running then fails with TimeoutError. */
export function withinDeadline<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  const reason = new TimeoutError(`${what} did not finish within ${Math.round(ms / 1000)} s`);
  return operation.run(signal, async () => {
    try {
      return await fn();
    } catch (e) {
      throw signal.aborted ? reason : e;
    }
  });
}

/** The signals a request must obey: its operation's deadline, if any, and the stop of the process. */
export function ambientSignals(): AbortSignal[] {
  const op = operation.getStore();
  return op ? [op, processStop.signal] : [processStop.signal];
}

/** The stop of the process (a host's quit, SIGTERM): every request and retry wait ends now. */
export function stopAllRequests(): void {
  processStop.abort(new NetworkError('stopped: the app is quitting'));
}

/** Tests only: a new process-wide stop signal after `stopAllRequests`. */
export function resetStopForTests(): void {
  processStop = new AbortController();
}

/** Resolves after `wait`, or rejects as soon as one of `signals` aborts. */
export function abortable<T>(wait: Promise<T>, signals: AbortSignal[]): Promise<T> {
  const any = AbortSignal.any(signals);
  if (any.aborted) {
    // `wait` still settles later (the exchange sees the same signal): its failure is ours
    // to swallow, or it would surface as an unhandled rejection.
    wait.catch(() => {});
    return Promise.reject(any.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(any.reason as Error);
    any.addEventListener('abort', onAbort, { once: true });
    wait.then(
      (v) => {
        any.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        any.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
