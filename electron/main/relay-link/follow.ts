/**
 * Keeps the push stream open: reconnects with backoff (1 s doubling to 30 s) and resumes
 * from the last event id, so a reconnect replays what was missed instead of reloading.
 * A revoked or unknown token ends following (the next sync reports the sign-in problem).
 */
import type { RelayLink, StreamHandle, StreamMessage } from './link';

export interface Follower {
  stop(): Promise<void>;
}

export function followStream(
  link: RelayLink,
  onMessage: (m: StreamMessage) => void,
  opts: { log: (line: string) => void; idleMs?: number; sleep?: (ms: number) => Promise<void> },
): Follower {
  let stopped = false;
  let handle: StreamHandle | null = null;
  let last: number | null = null;
  let wake: (() => void) | null = null;
  const sleep =
    opts.sleep ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      }));
  const loop = (async () => {
    let delay = 1000;
    while (!stopped) {
      let gotData = false;
      let endedByServer = false;
      handle = link.stream(
        (m) => {
          gotData = true;
          if (m.type === 'closed' && (m.reason === 'revoked' || m.reason === 'unauthorized')) endedByServer = true;
          onMessage(m);
        },
        { lastEventId: last, idleMs: opts.idleMs },
      );
      await handle.done;
      last = handle.lastEventId() ?? last;
      if (stopped) break;
      if (endedByServer) {
        opts.log('team server: this device was signed out; not reconnecting');
        break;
      }
      if (gotData) delay = 1000;
      opts.log(`team server: stream ended; reconnecting in ${Math.round(delay / 1000)} s`);
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  })();
  return {
    async stop() {
      stopped = true;
      handle?.close();
      wake?.();
      await loop;
    },
  };
}
