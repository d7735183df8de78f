import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/main/simulator/index';

/** 2024-08-07 15:30:23.056 China time, the moment of the seed page's example. */
export const T0 = Date.UTC(2024, 7, 7, 7, 30, 23, 56);

export interface Clock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function virtualClock(start = T0): Clock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

export interface Envelope<T = unknown> {
  requestId: null;
  errmsg: number;
  succeed: boolean;
  msgTime: string;
  values: T;
  errdesc: string | null;
}

export interface Harness {
  sim: Simulator;
  clock: Clock;
  token(): Promise<string>;
  /** POST a JSON body to a v2 path with a fresh (cached) token; returns the parsed envelope. */
  v2<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Envelope<T>>;
  raw(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function harness(opts: SimulatorOptions = {}): Promise<Harness> {
  const clock = virtualClock();
  const sim = await startSimulator({ now: clock.now, ...opts });
  let cached: string | null = null;
  const token = async (): Promise<string> => {
    if (cached) return cached;
    const res = await grant(sim);
    const body = (await res.json()) as { access_token: string };
    cached = body.access_token;
    return cached;
  };
  return {
    sim,
    clock,
    token,
    async v2<T>(path: string, body: unknown = {}, headers: Record<string, string> = {}) {
      const res = await fetch(sim.url + path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${path}`);
      return (await res.json()) as Envelope<T>;
    },
    raw: (path, init) => fetch(sim.url + path, init),
    close: () => sim.close(),
  };
}

export function grant(sim: Simulator, fields: Record<string, string> = {}): Promise<Response> {
  return fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
      scope: 'Ls.Qkl.PublicApi',
      grant_type: 'client_credentials',
      ...fields,
    }).toString(),
  });
}

export const LIST = '/v2/Todo/GetChargeDaffairesList';
export const COUNT = '/v2/Todo/GetChargeDaffairesCount';
export const ADD = '/v2/Todo/AddRecordNew';

/** Unix seconds of a +08:00 wire time. */
export function unixSec(wire: string): number {
  return Math.floor(Date.parse(wire) / 1000);
}
