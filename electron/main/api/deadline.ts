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
  const deadline = AbortSignal.timeout(ms);
  const reason = new TimeoutError(`${what} did not finish within ${Math.round(ms / 1000)} s`);
  // Combined once per operation, not once per request: a list of 100 pages makes 100 requests.
  return operation.run(AbortSignal.any([deadline, processStop.signal]), async () => {
    try {
      return await fn();
    } catch (e) {
      throw deadline.aborted ? reason : e;
    }
  });
}

/** The one signal a request must obey besides its own deadline: its operation's deadline, if any, and the stop of the process. */
export function ambientSignal(): AbortSignal {
  return operation.getStore() ?? processStop.signal;
}

/** The stop of the process (a host's quit, SIGTERM): every request and retry wait ends now. */
export function stopAllRequests(): void {
  processStop.abort(new NetworkError('stopped: the app is quitting'));
}

/** Tests only: a new process-wide stop signal after `stopAllRequests`. */
export function resetStopForTests(): void {
  processStop = new AbortController();
}

/** Resolves after `wait`, or rejects as soon as `signal` aborts. */
export function abortable<T>(wait: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // `wait` still settles later (the exchange sees the same signal): its failure is ours
    // to swallow, or it would surface as an unhandled rejection.
    wait.catch(() => {});
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    wait.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
