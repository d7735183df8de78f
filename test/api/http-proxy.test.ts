/**
 * The CLI and the browser host reach the API through the proxy the environment names
 * (HTTPS_PROXY / HTTP_PROXY, NO_PROXY), as corporate networks require. Real sockets: a
 * target server and a CONNECT proxy on ephemeral ports.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { exchangeOptions } from './harness';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpTransport } from '../../electron/main/api/http';

let target: Server;
let proxy: Server;
const tunnels: string[] = [];
const port = (s: Server) => (s.address() as AddressInfo).port;

const options = exchangeOptions();

beforeAll(async () => {
  target = createServer((_req, res) => res.end('{"ok":true}'));
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    const [host, p] = (req.url ?? '').split(':');
    const upstream = connect(Number(p), host!, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await Promise.all([new Promise<void>((r) => target.listen(0, '127.0.0.1', r)), new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))]);
});
afterAll(async () => {
  target.closeAllConnections();
  proxy.closeAllConnections();
  await Promise.all([new Promise((r) => target.close(r)), new Promise((r) => proxy.close(r))]);
});
afterEach(() => {
  vi.unstubAllEnvs();
  tunnels.length = 0;
});

const get = async () => {
  const t = createHttpTransport(options);
  try {
    return await t.send({ method: 'GET', url: `http://127.0.0.1:${port(target)}/v2/x`, headers: {}, idempotent: true });
  } finally {
    await t.close();
  }
};

describe('proxy from the environment (undici EnvHttpProxyAgent)', () => {
  it('goes through HTTP_PROXY', async () => {
    vi.stubEnv('HTTP_PROXY', `http://127.0.0.1:${port(proxy)}`);
    vi.stubEnv('NO_PROXY', '');
    const res = await get();
    expect(res.text).toBe('{"ok":true}');
    expect(tunnels).toEqual([`127.0.0.1:${port(target)}`]);
  });

  it('goes direct for a host in NO_PROXY', async () => {
    vi.stubEnv('HTTP_PROXY', `http://127.0.0.1:${port(proxy)}`);
    vi.stubEnv('NO_PROXY', '127.0.0.1');
    expect((await get()).text).toBe('{"ok":true}');
    expect(tunnels).toEqual([]);
  });

  it('goes direct without a proxy in the environment', async () => {
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) vi.stubEnv(k, '');
    expect((await get()).text).toBe('{"ok":true}');
    expect(tunnels).toEqual([]);
  });
});
