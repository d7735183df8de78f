/**
 * The relay put together: store, migrations, fan-out, the poll (on the instance that
 * leads) and the HTTP server. Used by main.ts, the tests and the benchmark.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSystemClock } from '../../electron/main/service/system-clock';
import { createBudget, type Budget } from './budget';
import type { Db } from './db/db';
import { migrate } from './db/migrations';
import { openPostgres } from './db/postgres';
import { openSqlite } from './db/sqlite';
import { Hub } from './hub';
import { createRelayServer } from './http-server';
import { advisoryLeader, listenForEvents, soleLeader, type Leadership } from './leader';
import { loadKey, secretBox } from './secret-box';
import { RelayStore, type TeamChanges } from './store';
import { TeamPoller } from './team-poll';

export interface RelayOptions {
  dataDir: string;
  /** postgres://… ; absent: SQLite in dataDir. */
  databaseUrl?: string;
  /** RELAY_SECRET_KEY; absent: the key file. */
  secretKey?: string;
  keyFile?: string;
  host?: string;
  port?: number;
  pollSec?: number;
  /** Vendor requests per minute, never exceeded. */
  budgetPerMinute?: number;
  keepAliveMs?: number;
  /** Postgres: how often a standby tries the poll lock (default: the poll interval). */
  lockRetryMs?: number;
  allowPlainHttp?: boolean;
  remindWindowDays?: number;
  log?: (line: string) => void;
  onStored?(changes: TeamChanges, seenAt: number): void;
}

export interface Relay {
  url: string;
  store: RelayStore;
  hub: Hub;
  budget: Budget;
  isPolling(): boolean;
  /** Polls now on this instance if it leads (tests, bench); resolves once stored and fanned out. */
  pollNow(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(o: Pick<RelayOptions, 'dataDir' | 'databaseUrl' | 'secretKey' | 'keyFile'>): Promise<RelayStore> {
  mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const db: Db = o.databaseUrl ? openPostgres(o.databaseUrl) : openSqlite(join(o.dataDir, 'relay.sqlite'));
  await migrate(db);
  const key = loadKey({ envKey: o.secretKey, keyFile: o.keyFile ?? join(o.dataDir, 'secret.key') });
  return new RelayStore(db, secretBox(key));
}

export async function startRelay(o: RelayOptions): Promise<Relay> {
  const log = o.log ?? ((line: string) => console.log(line));
  const store = await openStore(o);
  const pollSec = o.pollSec ?? 60;
  const budget = createBudget(o.budgetPerMinute ?? 120);
  const hub = new Hub(store, log);
  await hub.start();
  const clock = createSystemClock({ unref: true });

  let poller: TeamPoller | null = null;
  const events = {
    log,
    async onLead() {
      const credentials = await store.credentials();
      if (!credentials) {
        log('no merchant credentials stored yet: run `npm run relay -- credentials` (YOUMI_* variables); not polling');
        return;
      }
      poller = new TeamPoller({
        store,
        credentials,
        budget,
        clock,
        pollSec,
        log,
        remindWindowDays: o.remindWindowDays,
        onStored: (c, seenAt) => {
          if (c.upserts.length + c.closed.length > 0) log(`poll stored: ${c.upserts.length} changed, ${c.closed.length} closed; seen at ${seenAt}`);
          void hub.poke();
          o.onStored?.(c, seenAt);
        },
      });
      await poller.start();
    },
    async onLose() {
      const p = poller;
      poller = null;
      await p?.stop();
    },
  };
  const leader: Leadership = o.databaseUrl
    ? advisoryLeader(o.databaseUrl, o.lockRetryMs ?? pollSec * 1000, events)
    : soleLeader(events);
  const listener = o.databaseUrl ? listenForEvents(o.databaseUrl, () => void hub.poke(), log) : null;

  const server: Server = createRelayServer({
    store,
    hub,
    log,
    now: Date.now,
    keepAliveMs: o.keepAliveMs ?? 15_000,
    allowPlainHttp: o.allowPlainHttp ?? false,
    pollNow: async () => {
      if (!poller) return false;
      await poller.pollNow();
      await hub.poke();
      return true;
    },
    health: () => ({
      polling: leader.isLeader() && poller !== null,
      lastPoll: poller?.status()?.lastSuccessAt ?? null,
      pollState: poller?.status()?.state ?? null,
      vendorRequestsLastMinute: budget.usedLastMinute(),
      connections: hub.connections(),
    }),
  });
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const dial = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const firstLead = leader.start();
  const prune = setInterval(() => void store.pruneEvents().catch(() => {}), 3600_000);
  prune.unref();

  let closing: Promise<void> | null = null;
  return {
    url: `http://${dial}:${port}`,
    store,
    hub,
    budget,
    isPolling: () => poller !== null,
    async pollNow() {
      await firstLead;
      await poller?.pollNow();
      await hub.poke();
    },
    close() {
      closing ??= (async () => {
        await firstLead;
        clearInterval(prune);
        hub.stop();
        await new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await leader.stop();
        await listener?.stop();
        await store.db.close();
      })();
      return closing;
    },
  };
}
