/**
 * The Youmi contract simulator: a real HTTP server that behaves like the
 * documented Youmi open API (docs/youmi-api.md), quirks included, for tests, the demo
 * mode and the CLI. No Electron, no dependencies beyond node:http.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdmin } from './admin';
import { DEMO_CREDENTIALS, DEMO_STAFF, DEMO_TENANTS, STAFF } from './directory';
import { createHandler } from './server';
import { createState } from './state';
import type { Simulator, SimulatorOptions } from './types';

export type { Activation, Fan, Fault, RequestLogEntry, SimAdmin, Simulator, SimulatorOptions, StaffMember, WireTodo } from './types';
export { SimAdminError } from './admin';

/** The address a client should dial: a wildcard bind is reached over loopback; IPv6 literals need brackets. */
function dialHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 0;
  const tokenTtlSec = opts.tokenTtlSec ?? 7200;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0..65535, got ${port}`);
  if (!Number.isInteger(tokenTtlSec) || tokenTtlSec < 1) throw new RangeError('tokenTtlSec must be a positive integer');
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError('seed must be an integer 0..4294967295');

  const state = createState({
    now: opts.now ?? Date.now,
    seed,
    demoData: opts.demoData ?? true,
    tokenTtlSec,
    credentials: { ...DEMO_CREDENTIALS },
    tenants: DEMO_TENANTS,
    demoStaff: DEMO_STAFF,
  });
  const admin = createAdmin(state);
  const handler = createHandler(state, admin);
  const server = createServer(handler);
  // Clients under test open keep-alive connections; close() must not wait on them.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${dialHost(host)}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    tokenUrl: `${url}/connect/token`,
    credentials: { ...DEMO_CREDENTIALS },
    tenants: [...DEMO_TENANTS],
    demoStaff: DEMO_STAFF,
    staff: STAFF.map(({ code, name, departId, departName, active }) => ({ code, name, departId, departName, active })),
    admin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        handler.cancelWaits();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
