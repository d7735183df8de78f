/**
 * The relay's HTTP surface. Deny by default: every /v1 route needs a device token and
 * answers only for that device's staff member (no route takes a staff code from the
 * client); /admin routes need an admin token. Bodies are capped; plain HTTP from a
 * non-loopback address is refused unless allowed (TLS belongs to a reverse proxy).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { adminPage } from './admin-page';
import type { Hub } from './hub';
import { checkMark, type MarkInput } from './marks';
import { RateLimiter } from './rate-limit';
import type { Device, RelayEvent, RelayStore } from './store';
import { teamSummary } from './team';

export const MAX_BODY_BYTES = 64 * 1024;
const MAX_MARKS_PER_REQUEST = 500;

export interface HttpDeps {
  store: RelayStore;
  hub: Hub;
  log: (line: string) => void;
  now: () => number;
  keepAliveMs: number;
  allowPlainHttp: boolean;
  health(): Record<string, unknown>;
  /** Polls the vendor now if this instance is the poller; false otherwise. */
  pollNow(): Promise<boolean>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1]! : null;
}

export function sseFrame(e: { id: number; type: string; data: unknown }): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

export function createRelayServer(d: HttpDeps): Server {
  const signIn = new RateLimiter(10, d.now);
  const badTokens = new RateLimiter(30, d.now);
  const streams = new Set<ServerResponse>();

  async function device(req: IncomingMessage, ip: string): Promise<Device> {
    if (badTokens.blocked(ip)) throw new HttpError(429, 'too many failed sign-ins; wait a minute');
    const token = bearer(req);
    const dev = token ? await d.store.deviceFor(token) : null;
    if (dev) return dev;
    badTokens.spend(ip);
    throw new HttpError(401, 'sign in again: this device token is unknown or revoked');
  }

  async function admin(req: IncomingMessage, ip: string): Promise<void> {
    if (badTokens.blocked(ip)) throw new HttpError(429, 'too many failed sign-ins; wait a minute');
    const token = bearer(req);
    if (token && (await d.store.isAdmin(token))) return;
    badTokens.spend(ip);
    throw new HttpError(401, 'admin token required');
  }

  async function stream(req: IncomingMessage, res: ServerResponse, dev: Device, url: URL): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no', // nginx: do not buffer the stream
    });
    res.write('retry: 3000\n\n');
    streams.add(res);
    let cursor = -1; // events up to here were sent (or are in the snapshot)
    const pending: RelayEvent[] = [];
    let closed = false;
    const write = (e: RelayEvent): void => {
      if (closed || e.id <= cursor) return;
      cursor = e.id;
      res.write(sseFrame(e));
      // A client that stops reading must not grow our memory: drop it, it will catch up.
      if (res.writableLength > 4 * 1024 * 1024) res.destroy();
    };
    // Subscribe before reading, so nothing between the read and the subscription is lost.
    const unsubscribe = d.hub.subscribe(dev.staff, {
      deviceId: dev.id,
      send: (e) => (cursor < 0 ? pending.push(e) : write(e)),
      close: (reason) => {
        if (closed) return;
        res.write(`event: closed\ndata: ${JSON.stringify({ reason })}\n\n`);
        res.end();
      },
    });
    const ka = setInterval(() => res.write(`: keep-alive ${new Date(d.now()).toISOString()}\n\n`), d.keepAliveMs);
    res.on('close', () => {
      closed = true;
      clearInterval(ka);
      unsubscribe();
      streams.delete(res);
    });
    const lastHeader = req.headers['last-event-id'] ?? url.searchParams.get('lastEventId');
    const last = typeof lastHeader === 'string' && /^\d+$/.test(lastHeader) ? Number(lastHeader) : null;
    const missed = last === null ? null : await d.store.eventsAfter(dev.staff, last);
    if (missed) {
      cursor = last!;
      res.write(`event: resumed\ndata: ${JSON.stringify({ from: last, events: missed.length })}\n\n`);
      for (const e of missed) write(e);
    } else {
      const snap = await d.store.snapshot(dev.staff);
      cursor = snap.eventId;
      res.write(sseFrame({ id: snap.eventId, type: 'snapshot', data: { staff: dev.staff, todos: snap.todos, marks: snap.marks } }));
    }
    for (const e of pending.splice(0)) write(e);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ip = req.socket.remoteAddress ?? '';
    if (!d.allowPlainHttp && !isLoopback(ip)) {
      throw new HttpError(403, 'plain HTTP is only served to this machine; put the relay behind a TLS reverse proxy');
    }
    const url = new URL(req.url ?? '/', 'http://relay');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (method === 'GET' && path === '/healthz') return json(res, 200, { ok: true, ...d.health() });

    if (method === 'POST' && path === '/v1/enroll') {
      if (signIn.blocked(ip)) throw new HttpError(429, 'too many sign-in attempts; wait a minute');
      const body = (await readJson(req)) as { code?: unknown; device?: unknown };
      if (typeof body.code !== 'string' || body.code.length > 32) throw new HttpError(400, 'code is required');
      const got = await d.store.redeem(body.code, typeof body.device === 'string' ? body.device : 'device');
      if (!got) signIn.spend(ip);
      if (!got) throw new HttpError(401, 'this enrolment code is unknown, used or expired');
      d.log(`device ${got.device.id} (${got.device.name}) signed in as ${got.device.staff}`);
      return json(res, 200, { token: got.token, staff: got.device.staff, deviceId: got.device.id });
    }

    if (path.startsWith('/v1/')) {
      const dev = await device(req, ip);
      if (method === 'GET' && path === '/v1/me') return json(res, 200, { staff: dev.staff, deviceId: dev.id, name: dev.name });
      if (method === 'GET' && path === '/v1/todos') return json(res, 200, await d.store.snapshot(dev.staff));
      const one = /^\/v1\/todos\/(\d{1,15})$/.exec(path);
      if (method === 'GET' && one) {
        const todo = await d.store.todoOf(dev.staff, Number(one[1]));
        return todo ? json(res, 200, { todo }) : json(res, 404, { error: 'no such todo for this staff member' });
      }
      const hist = /^\/v1\/todos\/(\d{1,15})\/marks$/.exec(path);
      if (method === 'GET' && hist) return json(res, 200, { history: await d.store.markHistory(dev.staff, Number(hist[1])) });
      if (method === 'GET' && path === '/v1/stream') return stream(req, res, dev, url);
      if (method === 'POST' && path === '/v1/marks') {
        const body = (await readJson(req)) as { marks?: unknown };
        if (!Array.isArray(body.marks) || body.marks.length > MAX_MARKS_PER_REQUEST) throw new HttpError(400, `marks must be a list of at most ${MAX_MARKS_PER_REQUEST}`);
        for (const m of body.marks) {
          const why = checkMark(m);
          if (why) throw new HttpError(400, why);
        }
        const marks = await d.store.putMarks(dev, body.marks as MarkInput[]);
        void d.hub.poke();
        return json(res, 200, { marks });
      }
      throw new HttpError(404, 'no such route');
    }

    if (method === 'GET' && (path === '/admin' || path === '/admin/')) {
      const html = adminPage();
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
      });
      return void res.end(html);
    }
    if (path.startsWith('/admin/')) {
      await admin(req, ip);
      if (method === 'GET' && path === '/admin/team.json') return json(res, 200, await teamSummary(d.store.db, d.now()));
      if (method === 'POST' && path === '/admin/poll') {
        const polled = await d.pollNow();
        return json(res, polled ? 200 : 409, polled ? { polled: true } : { error: 'this instance is not the poller' });
      }
      if (method === 'GET' && path === '/admin/devices') return json(res, 200, { devices: await d.store.devices() });
      if (method === 'POST' && path === '/admin/enrol') {
        const body = (await readJson(req)) as { staff?: unknown };
        if (typeof body.staff !== 'string') throw new HttpError(400, 'staff is required');
        try {
          return json(res, 200, await d.store.enrol(body.staff));
        } catch (e) {
          throw new HttpError(400, e instanceof Error ? e.message : String(e));
        }
      }
      const revoke = /^\/admin\/devices\/(\d{1,15})\/revoke$/.exec(path);
      if (method === 'POST' && revoke) {
        const dev = await d.store.revoke(Number(revoke[1]));
        if (!dev) throw new HttpError(404, 'no such active device');
        void d.hub.poke();
        d.log(`device ${dev.id} (${dev.name}) of ${dev.staff} revoked`);
        return json(res, 200, { revoked: dev });
      }
    }
    throw new HttpError(404, 'no such route');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : 'internal error';
      if (status === 500) d.log(`${req.method} ${req.url?.split('?')[0]}: ${e instanceof Error ? e.message : String(e)}`);
      if (res.headersSent) res.destroy();
      else json(res, status, { error: message });
    });
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  // Streams are long-lived by design; the request timeout must not cut them.
  server.on('request', (req) => {
    if (req.url?.startsWith('/v1/stream')) req.socket.setTimeout(0);
  });
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    for (const s of streams) s.end();
    close(cb);
    server.closeIdleConnections();
    return server;
  }) as typeof server.close;
  return server;
}
