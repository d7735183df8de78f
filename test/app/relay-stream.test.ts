/**
 * The relay's push stream as the desktop reads it (relay-link/link.ts), against a real
 * HTTP server speaking server-sent events: a mark is checked where it arrives, so one the
 * relay got wrong is left out instead of reaching the marks half-read.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { relayLink, type StreamMessage } from '../../electron/main/relay-link/link';

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

function relayServing(frames: string): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(frames);
  });
  return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)));
}

const good = { todoId: 7, kind: 'done', done: true, snoozedUntil: null, handedTo: null, at: '2026-11-28T10:00:00.000Z', deviceId: 3 };

describe('relay stream', () => {
  it('delivers a well-formed mark and leaves out one with a wrong shape', async () => {
    const url = await relayServing(
      [
        `id: 1\nevent: mark\ndata: ${JSON.stringify(good)}\n\n`,
        `id: 2\nevent: mark\ndata: ${JSON.stringify({ todoId: '8', kind: 'explode', done: 'yes' })}\n\n`,
        `id: 3\nevent: mark\ndata: ${JSON.stringify({ ...good, todoId: 9, extra: 'ignored' })}\n\n`,
      ].join(''),
    );
    const got: StreamMessage[] = [];
    const handle = relayLink(url, 'device-token').stream((m) => got.push(m));
    await handle.done;
    expect(got).toEqual([
      { type: 'mark', eventId: 1, mark: good },
      { type: 'mark', eventId: 3, mark: { ...good, todoId: 9 } },
    ]);
    expect(handle.lastEventId()).toBe(3);
  });
});
