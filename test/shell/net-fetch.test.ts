/**
 * The desktop app's HTTP exchange is Electron's net.fetch (system proxy, PAC, OS
 * certificates). Real sockets; the fake's net.fetch behaves as Electron's: network
 * failures are `net::ERR_…` errors, aborts reject with the signal's reason.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exchangeOptions } from '../api/harness';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpTransport, useHttpExchange } from '../../electron/main/api/http';
import { NetworkError, TimeoutError } from '../../electron/main/api/errors';
import { callsNamed, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { netError, netFetchExchange } = await import('../../electron/main/shell/net-fetch');

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/stall-headers') return; // never answers
    if (req.url === '/stall-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      return; // never ends
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'x-echo': req.headers['x-echo'] ?? '' }).end(JSON.stringify({ method: req.method, body })));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => useHttpExchange(null));

const options = exchangeOptions();
const impatient = exchangeOptions({ connectTimeoutMs: 100, headersTimeoutMs: 200, bodyTimeoutMs: 200 });

describe('net.fetch behind the HTTP port', () => {
  it('carries requests and responses through Electron’s network stack', async () => {
    resetFake();
    useHttpExchange(netFetchExchange());
    const t = createHttpTransport(options);
    const res = await t.send({ method: 'POST', url: `${base}/v2/x`, headers: { 'content-type': 'application/json', 'x-echo': 'hi' }, body: '{"n":1}', idempotent: true });
    expect(res.status).toBe(200);
    expect(res.headers['x-echo']).toBe('hi');
    expect(JSON.parse(res.text)).toEqual({ method: 'POST', body: '{"n":1}' });
    expect(callsNamed('net.fetch')).toHaveLength(1);
    await t.close();
  });

  it('a refused connection is a network error naming it', async () => {
    useHttpExchange(netFetchExchange());
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const t = createHttpTransport(options);
    const err = await t.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, idempotent: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(String((err as Error).message)).toMatch(/connection refused \(ECONNREFUSED\)/);
  });

  it('no headers in time, or a body that stalls, are timeouts', async () => {
    useHttpExchange(netFetchExchange());
    const t = createHttpTransport(impatient);
    await expect(t.send({ method: 'GET', url: `${base}/stall-headers`, headers: {}, idempotent: true })).rejects.toBeInstanceOf(TimeoutError);
    await expect(t.send({ method: 'GET', url: `${base}/stall-body`, headers: {}, idempotent: true })).rejects.toBeInstanceOf(TimeoutError);
    await t.close();
  });

  it('names proxy and certificate failures', () => {
    expect((netError(new Error('net::ERR_PROXY_CONNECTION_FAILED')) as Error & { code: string }).code).toBe('EPROXY_CONNECTION_FAILED');
    expect((netError(new Error('net::ERR_CERT_AUTHORITY_INVALID')) as Error & { code: string }).code).toBe('ECERT_AUTHORITY_INVALID');
    expect((netError(new Error('net::ERR_NAME_NOT_RESOLVED')) as Error & { code: string }).code).toBe('ENOTFOUND');
  });
});
