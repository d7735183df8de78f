/**
 * The browser host's stand-in for Electron IPC: one WebSocket per open page, calls go
 * through the app's validating dispatcher, events are pushed to every page.
 * Only pages served by this host may connect (Origin check), so another site open in the
 * same browser cannot drive the app.
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { YoumiApp } from '../../app/types';

const MAX_MESSAGE_BYTES = 256 * 1024;

export function attachBridgeSocket(server: Server, app: YoumiApp, allowedOrigins: () => string[]): WebSocketServer {
  const wss = new WebSocketServer({
    server,
    path: '/bridge',
    maxPayload: MAX_MESSAGE_BYTES,
    verifyClient: ({ origin }: { origin?: string }) => origin !== undefined && allowedOrigins().includes(origin),
  });

  const broadcast = (channel: string, payload: unknown): void => {
    const msg = JSON.stringify({ type: 'event', channel, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(msg);
  };
  const offSnapshot = app.onSnapshot((s) => broadcast('snapshot', s));
  const offReminder = app.onReminder((r) => broadcast('reminder', r));
  wss.on('close', () => {
    offSnapshot();
    offReminder();
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.send(JSON.stringify({ type: 'event', channel: 'snapshot', payload: app.snapshot() }));
    // A receive error (a frame over maxPayload, a bad frame) is emitted here and ws closes
    // the socket; without a listener the 'error' event would throw and end the host.
    ws.on('error', () => {});
    ws.on('message', async (data) => {
      let msg: { type?: unknown; id?: unknown; method?: unknown; args?: unknown };
      try {
        msg = JSON.parse(data.toString()) as typeof msg;
      } catch {
        return;
      }
      // "null" or "1" parse too: reading .type of null threw out of this async listener,
      // an unhandled rejection that ended the host.
      if (typeof msg !== 'object' || msg === null || msg.type !== 'call' || typeof msg.id !== 'number') return;
      // Answerable (it has an id): a call without a method name gets an error, not silence.
      const result = await app.dispatch(typeof msg.method === 'string' ? msg.method : '', msg.args);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: msg.id, result }));
    });
  });
  return wss;
}

export function focusTodoBroadcaster(wss: WebSocketServer) {
  return (todoId: number): void => {
    const msg = JSON.stringify({ type: 'event', channel: 'focusTodo', payload: todoId });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(msg);
  };
}
