/**
 * Names for the ids a todo carries: customers (GetFansList) and staff codes (GetStaffList),
 * cached on disk for a day. The cache never blocks: `names()` answers at once with what is
 * known (stale included), and `want()` only queues background lookups. Each customer is
 * asked about at most once per TTL, whatever the answer (a name, "no such friend" or an
 * error): a failed lookup keeps the old name and waits like a successful one, so an API
 * that is down is not hammered once per sync per customer.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CustomerInfo, PeopleNames, StaffMember } from '../../../shared/contract/types';
import type { Clock } from './ports';

export const PEOPLE_TTL_MS = 24 * 3600_000;
/** Few at a time: names are a nicety and must not crowd out the sync on a slow link. */
const MAX_PARALLEL = 4;
const FILE_VERSION = 1;

export interface PeopleSource {
  findCustomer(wxid: string, accountId: number | null): Promise<CustomerInfo | null>;
  listStaff(): Promise<StaffMember[]>;
}

interface CustomerEntry {
  info: CustomerInfo | null;
  /** Epoch ms of the last call, successful or not. */
  checkedAt: number;
  failed?: boolean;
}

interface ScopeCache {
  customers: Record<string, CustomerEntry>;
  staff: { list: StaffMember[]; checkedAt: number; failed?: boolean } | null;
}

interface CacheFile {
  version: number;
  scopes: Record<string, ScopeCache>;
}

export interface PeopleOptions {
  /** The cache file; null keeps it in memory only (tests, no data dir). */
  file: string | null;
  clock: Clock;
  log: (line: string) => void;
  /** Called when lookups finished and names changed (the hosts then push a new snapshot). */
  onChange: () => void;
  ttlMs?: number;
}

export const customerKey = (accountId: number | null, wxid: string): string => `${accountId ?? 0}|${wxid}`;

function readCache(file: string | null, log: (line: string) => void): CacheFile {
  const empty: CacheFile = { version: FILE_VERSION, scopes: {} };
  if (!file) return empty;
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (doc?.version !== FILE_VERSION || typeof doc.scopes !== 'object' || doc.scopes === null) return empty;
    return doc;
  } catch (e) {
    // Only a cache: a missing or broken file means asking the API again, nothing is lost.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`people cache unreadable, starting empty: ${(e as Error).message}`);
    return empty;
  }
}

export class PeopleCache {
  private doc: CacheFile;
  private scope = '';
  private source: PeopleSource | null = null;
  private readonly queue: { key: string; wxid: string; accountId: number | null }[] = [];
  private readonly inFlight = new Set<string>();
  private staffInFlight = false;
  private running = 0;
  private changed = false;
  private readonly ttl: number;
  /** Bumped on every source change, so answers for an old account are dropped. */
  private generation = 0;
  private idleWaiters: (() => void)[] = [];
  /** Bumped whenever an answer lands in the cache (names() is memoised on it). */
  private version = 0;
  private namesMemo: { cache: ScopeCache; version: number; names: PeopleNames } | null = null;

  constructor(private readonly o: PeopleOptions) {
    this.ttl = o.ttlMs ?? PEOPLE_TTL_MS;
    this.doc = readCache(o.file, o.log);
  }

  setSource(source: PeopleSource | null, scope: string): void {
    this.source = source;
    this.scope = scope;
    this.generation += 1;
    this.queue.length = 0;
    this.inFlight.clear();
    this.staffInFlight = false;
  }

  private cache(): ScopeCache {
    return (this.doc.scopes[this.scope] ??= { customers: {}, staff: null });
  }

  private due(checkedAt: number | undefined): boolean {
    return checkedAt === undefined || this.o.clock.now() - checkedAt >= this.ttl;
  }

  /** Queues lookups for the customers (and the staff list) that are unknown or older than the TTL. Never waits. */
  want(todos: readonly { customer: string | null; account: { id: number | null } }[]): void {
    if (!this.source) return;
    const c = this.cache();
    for (const t of todos) {
      if (!t.customer) continue;
      const key = customerKey(t.account.id, t.customer);
      if (this.inFlight.has(key) || !this.due(c.customers[key]?.checkedAt)) continue;
      this.inFlight.add(key);
      this.queue.push({ key, wxid: t.customer, accountId: t.account.id });
    }
    if (!this.staffInFlight && this.due(c.staff?.checkedAt)) {
      this.staffInFlight = true;
      this.running += 1;
      void this.loadStaff(this.generation);
    }
    this.pump();
  }

  private pump(): void {
    while (this.running < MAX_PARALLEL && this.queue.length > 0 && this.source) {
      const job = this.queue.shift();
      if (!job) break;
      this.running += 1;
      void this.lookup(job, this.source, this.generation);
    }
    if (this.running === 0 && this.changed) {
      this.changed = false;
      this.save();
      this.o.onChange();
    }
    if (this.running === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private async lookup(job: { key: string; wxid: string; accountId: number | null }, source: PeopleSource, gen: number): Promise<void> {
    let entry: CustomerEntry;
    const previous = this.cache().customers[job.key]?.info ?? null;
    try {
      entry = { info: await source.findCustomer(job.wxid, job.accountId), checkedAt: this.o.clock.now() };
    } catch (e) {
      this.o.log(`customer ${job.wxid}: lookup failed, keeping ${previous ? 'the old name' : 'the id'}: ${(e as Error).message}`);
      entry = { info: previous, checkedAt: this.o.clock.now(), failed: true };
    }
    this.finish(gen, () => {
      this.cache().customers[job.key] = entry;
      this.inFlight.delete(job.key);
    });
  }

  private async loadStaff(gen: number): Promise<void> {
    const source = this.source;
    let next: ScopeCache['staff'];
    const previous = this.cache().staff?.list ?? [];
    try {
      next = { list: source ? await source.listStaff() : previous, checkedAt: this.o.clock.now() };
    } catch (e) {
      this.o.log(`staff names: lookup failed, keeping what is cached: ${(e as Error).message}`);
      next = { list: previous, checkedAt: this.o.clock.now(), failed: true };
    }
    this.finish(gen, () => {
      this.cache().staff = next;
      this.staffInFlight = false;
    });
  }

  private finish(gen: number, apply: () => void): void {
    this.running -= 1;
    if (gen === this.generation) {
      apply();
      this.version += 1;
      this.changed = true;
    }
    this.pump();
  }

  /** One customer's names, without building the whole map (a reminder needs only its own). */
  known(accountId: number | null, wxid: string): CustomerInfo | null {
    return this.cache().customers[customerKey(accountId, wxid)]?.info ?? null;
  }

  /**
   * What is known now, stale included. The same object until an answer changes the cache,
   * so each snapshot (one per change, 10,000 customers) does not rebuild it.
   */
  names(): PeopleNames {
    const c = this.cache();
    if (this.namesMemo?.cache === c && this.namesMemo.version === this.version) return this.namesMemo.names;
    const customers: PeopleNames['customers'] = {};
    for (const [key, e] of Object.entries(c.customers)) if (e.info) customers[key] = e.info;
    const staff: PeopleNames['staff'] = {};
    for (const s of c.staff?.list ?? []) staff[s.code] = { name: s.name, depart: s.depart };
    const names = { customers, staff };
    this.namesMemo = { cache: c, version: this.version, names };
    return names;
  }

  staffList(): StaffMember[] {
    return [...(this.cache().staff?.list ?? [])];
  }

  /** For the CLI's `customer`: the cached answer when fresh, otherwise one call now. */
  async customer(wxid: string, accountId: number | null): Promise<CustomerInfo | null> {
    const key = customerKey(accountId, wxid);
    const hit = this.cache().customers[key];
    if (hit && !this.due(hit.checkedAt) && !hit.failed) return hit.info;
    if (!this.source) return hit?.info ?? null;
    const info = await this.source.findCustomer(wxid, accountId);
    this.cache().customers[key] = { info, checkedAt: this.o.clock.now() };
    this.version += 1;
    this.save();
    return info;
  }

  /** Resolves when no lookup is running (tests, CLI). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private save(): void {
    const file = this.o.file;
    if (!file) return;
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.doc));
      renameSync(tmp, file);
    } catch (e) {
      this.o.log(`people cache not saved: ${(e as Error).message}`);
    }
  }
}
