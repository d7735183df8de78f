/**
 * The browser host's stand-in for Electron IPC: one WebSocket per open page, calls go
 * through the app's validating dispatcher, events are pushed to every page.
 *
 * Who may connect: a page served by this host (Origin check, so another site open in the
 * same browser cannot drive the app) that also presents this start's secret token. The
 * token is only in the address the host printed (and opened) for the person who started
 * it, in the fragment, which the browser never sends and the served files never contain:
 * any other local process can fetch the page, but not the token.
 *
 * Back-pressure per connection (BRIDGE_LIMITS): at most maxInFlight calls are dispatched
 * at once and at most ratePerSec per second (after a burst); while calls wait, the socket
 * stops reading (TCP pushes back on the sender). A page that does not read its messages
 * is dropped once maxBufferedBytes wait for it, so it cannot grow the host's memory or
 * hold up the broadcast to the others.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { RESYNC_MESSAGE, type SnapshotMessage } from '../../../../shared/contract/delta';
import { createSnapshotFeed, type SnapshotFeed } from '../../app/snapshot-feed';
import type { YoumiApp } from '../../app/types';

const MAX_MESSAGE_BYTES = 256 * 1024;
export const BRIDGE_LIMITS = {
  maxInFlight: 8,
  ratePerSec: 50,
  burst: 100,
  /** Calls read while the socket was being paused; more means a client ignoring it. */
  maxWaiting: 1000,
  maxBufferedBytes: 8 * 1024 * 1024,
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time: both sides are hashed to one length first, so timing tells nothing. */
export function tokenMatches(req: IncomingMessage, token: string): boolean {
  const given = new URL(req.url ?? '/', 'http://host.invalid').searchParams.get('token') ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

export function attachBridgeSocket(
  server: Server,
  app: YoumiApp,
  allowedOrigins: () => string[],
  token: string,
  limits = BRIDGE_LIMITS,
): WebSocketServer {
  const wss = new WebSocketServer({
    server,
    path: '/bridge',
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ origin, req }: { origin?: string; req: IncomingMessage }) =>
      origin !== undefined && allowedOrigins().includes(origin) && tokenMatches(req, token),
  });

  const sendTo = (client: WebSocket, msg: string): void => {
    if (client.readyState !== client.OPEN) return;
    if (client.bufferedAmount > limits.maxBufferedBytes) {
      client.terminate();
      return;
    }
    client.send(msg);
  };
  const broadcast = (channel: string, payload: unknown): void => {
    const msg = JSON.stringify({ type: 'event', channel, payload });
    for (const client of wss.clients) sendTo(client, msg);
  };
  const offReminder = app.onReminder((r) => broadcast('reminder', r));
  wss.on('close', () => {
    offReminder();
  });
  // Snapshots go per page as a full one, then deltas; with no page open nothing is built.
  const feed = createSnapshotFeed(app);
  feeds.set(wss, feed);

  wss.on('connection', (ws: WebSocket) => {
    const snapshots = feed.connect((m) => sendTo(ws, snapshotEventText(m)));
    ws.on('close', () => snapshots.close());
    // A receive error (a frame over maxPayload, a bad frame) is emitted here and ws closes
    // the socket; without a listener the 'error' event would throw and end the host.
    ws.on('error', () => {});
    let inFlight = 0;
    let tokens = limits.burst;
    let refilledAt = Date.now();
    let timer: NodeJS.Timeout | null = null;
    // Calls read but not yet dispatched. The socket is paused while any wait, so this holds
    // at most what ws had already read then; a client that still overruns it is dropped.
    const waiting: { id: number; method: unknown; args: unknown }[] = [];
    ws.on('close', () => {
      if (timer) clearTimeout(timer);
      waiting.length = 0;
    });
    const refill = (): void => {
      const now = Date.now();
      tokens = Math.min(limits.burst, tokens + ((now - refilledAt) * limits.ratePerSec) / 1000);
      refilledAt = now;
    };
    const pump = (): void => {
      if (timer || ws.readyState !== ws.OPEN) return;
      refill();
      while (waiting.length > 0 && inFlight < limits.maxInFlight && tokens >= 1) {
        tokens--;
        void run(waiting.shift()!);
      }
      if (waiting.length === 0) {
        if (ws.isPaused) ws.resume();
        return;
      }
      if (!ws.isPaused) ws.pause();
      // Out of rate: come back when the next call may go. Out of slots: a call's end pumps.
      if (tokens < 1) {
        timer = setTimeout(() => {
          timer = null;
          pump();
        }, Math.ceil((1 - tokens) * (1000 / limits.ratePerSec)));
      }
    };
    const run = async (call: { id: number; method: unknown; args: unknown }): Promise<void> => {
      inFlight++;
      try {
        // Answerable (it has an id): a call without a method name gets an error, not silence.
        const result = await app.dispatch(typeof call.method === 'string' ? call.method : '', call.args);
        sendTo(ws, JSON.stringify({ type: 'result', id: call.id, result }));
      } finally {
        inFlight--;
        pump();
      }
    };

    ws.on('message', (data) => {
      let msg: { type?: unknown; id?: unknown; method?: unknown; args?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        return;
      }
      // "null" or "1" parse too: reading .type of null threw out of this listener,
      // which ended the host.
      if (typeof msg !== 'object' || msg === null) return;
      // The page saw a gap in the snapshot sequence. Cheap to ask, costly to answer: rated like a call.
      if (msg.type === RESYNC_MESSAGE) {
        refill();
        if (tokens >= 1) {
          tokens--;
          snapshots.resync();
        }
        return;
      }
      if (msg.type !== 'call' || typeof msg.id !== 'number') return;
      if (waiting.length >= limits.maxWaiting) {
        ws.close(1008, 'too many calls');
        return;
      }
      waiting.push({ id: msg.id, method: msg.method, args: msg.args });
      pump();
    });
  });
  return wss;
}

const feeds = new WeakMap<WebSocketServer, SnapshotFeed>();
/** The bridge's snapshot feed (tests and benchmarks read its counters). */
export const snapshotFeedOf = (wss: WebSocketServer): SnapshotFeed | undefined => feeds.get(wss);

/** A delta is serialised once however many pages get it; only the sequence number differs. */
const bodies = new WeakMap<object, string>();
function snapshotEventText(m: SnapshotMessage): string {
  const [kind, body] = 'full' in m ? (['full', m.full] as const) : (['delta', m.delta] as const);
  let text = bodies.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    bodies.set(body, text);
  }
  return `{"type":"event","channel":"snapshot","payload":{"seq":${m.seq},"${kind}":${text}}}`;
}

export function focusTodoBroadcaster(wss: WebSocketServer) {
  return (todoId: number): void => {
    const msg = JSON.stringify({ type: 'event', channel: 'focusTodo', payload: todoId });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(msg);
  };
}
