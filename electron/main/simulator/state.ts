/** Everything one running simulator holds; shared by the HTTP handlers and the admin API. */
import type { Activation } from './activation';
import { seedDemoTodos } from './demo-data';
import { FanTable, seedFans } from './fans';
import { FaultQueue } from './faults';
import { TokenStore } from './token';
import { TodoTable, type Paging } from './todos';
import type { RequestLogEntry } from './types';

const LOG_LIMIT = 2000;

/** Bounded, so a demo left running for days does not grow without limit. */
export class RequestLog {
  private items: RequestLogEntry[] = [];

  push(entry: RequestLogEntry): void {
    this.items.push(entry);
    if (this.items.length > LOG_LIMIT) this.items.splice(0, this.items.length - LOG_LIMIT);
  }

  entries(): RequestLogEntry[] {
    return structuredClone(this.items);
  }

  clear(): void {
    this.items = [];
  }
}

export interface SimState {
  readonly now: () => number;
  readonly tokens: TokenStore;
  readonly table: TodoTable;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  /** The customers GetFansList and ActivationConversation know. */
  readonly fans: FanTable;
  /** Accepted ActivationConversation calls, oldest first (admin: GET /_admin/activations). */
  readonly activations: Activation[];
  readonly tenants: readonly string[];
  readonly demoStaff: string;
  /** What reset() falls back to when called without options. */
  readonly initial: { seed: number; demoData: boolean };
  paging: Paging;
  /** Sub-millisecond digits for .NET-style 7-digit times on rows created at run time. */
  subMs(): number;
}

export interface StateOptions {
  now: () => number;
  seed: number;
  demoData: boolean;
  tokenTtlSec: number;
  credentials: { clientId: string; clientSecret: string };
  tenants: readonly string[];
  demoStaff: string;
}

export function createState(o: StateOptions): SimState {
  let counter = 0;
  const state: SimState = {
    now: o.now,
    tokens: new TokenStore(o.credentials, o.tokenTtlSec, o.now),
    table: new TodoTable(),
    faults: new FaultQueue(),
    log: new RequestLog(),
    fans: new FanTable(),
    activations: [],
    tenants: o.tenants,
    demoStaff: o.demoStaff,
    initial: { seed: o.seed, demoData: o.demoData },
    paging: { cap: null, ignorePageIndex: false },
    subMs: () => (counter = (counter + 3637) % 10000),
  };
  reseed(state, o.seed, o.demoData);
  return state;
}

/** Todos and the customers behind them; the fans exist even without demo todos, for AddRecord tests. */
export function reseed(state: SimState, seed: number, demoData: boolean): void {
  const rows = seedDemoTodos(seed, state.now());
  state.table.replace(demoData ? rows : []);
  state.fans.replace(seedFans(rows));
  state.activations.length = 0;
}
