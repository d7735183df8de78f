/**
 * One poll for the whole team. The desktop's own Sync (service/sync.ts) runs here over a
 * source that lists every open todo of the merchant (no remindStaff filter), so the relay
 * applies exactly the desktop's tolerant parsing and confirmed-close rules; only "is it
 * still ours" differs: any todo still open in the merchant's account is still the team's,
 * and routing by recipientData happens when the result is stored.
 */
import type { Todo } from '../../shared/todo';
import { createYoumiClient, type YoumiConnection } from '../../electron/main/api/client';
import type { TodoFilter } from '../../electron/main/api/types';
import type { Clock, TodoSource } from '../../electron/main/service/ports';
import { Sync, type SyncChanges } from '../../electron/main/service/sync';
import type { SyncStatus } from '../../shared/contract/types';
import type { Budget } from './budget';
import type { Credentials, RelayStore, TeamChanges } from './store';

export interface TeamPollerOptions {
  store: RelayStore;
  credentials: Credentials;
  budget: Budget;
  clock: Clock;
  pollSec: number;
  log: (line: string) => void;
  /** Only todos whose remind time is within this many days ahead (undefined: all open todos). */
  remindWindowDays?: number;
  /** After a poll's changes are stored (bench and tests measure fan-out from here). */
  onStored?(changes: TeamChanges, seenAt: number): void;
}

const TEAM = 'team';

export class TeamPoller {
  private sync: Sync | null = null;
  private client: YoumiConnection | null = null;
  private known: Todo[] = [];
  private missing = new Map<number, number>();
  private writes: Promise<void> = Promise.resolve();
  private statusValue: SyncStatus | null = null;

  constructor(private readonly o: TeamPollerOptions) {}

  async start(): Promise<void> {
    const rows = await this.o.store.openTodos();
    this.known = rows.map((r) => r.todo);
    this.missing = new Map(rows.filter((r) => r.missing > 0).map((r) => [r.todo.id, r.missing]));
    this.client = createYoumiClient({
      ...this.o.credentials,
      // No hidden retries: every request passes the budget once; Sync backs off on errors.
      maxRetries: 0,
      wrapTransport: (t) => this.o.budget.wrap(t),
      log: (line) => this.o.log(`vendor: ${line}`),
    });
    const client = this.client;
    const windowDays = this.o.remindWindowDays;
    const source: TodoSource = {
      async listMyOpenTodos() {
        const filter: TodoFilter = { usersate: 0 };
        if (windowDays !== undefined) filter.remindEndTimestamp = Math.floor(Date.now() / 1000) + windowDays * 86_400;
        const result = await client.listTodos(filter);
        // usersate is a hint (youmi-api.md §3.3): the todo's own state decides.
        return { ...result, todos: result.todos.filter((t) => t.state === 'open') };
      },
      getTodo: (id) => client.getTodo(id),
    };
    this.sync = new Sync(
      {
        clock: this.o.clock,
        log: (line) => this.o.log(line),
        known: () => this.known,
        missingCount: (id) => this.missing.get(id) ?? 0,
        apply: (c) => this.apply(c),
        onStatus: (s) => {
          this.statusValue = s;
        },
        ours: () => true,
      },
      source,
      TEAM,
      this.o.pollSec,
      null,
    );
    await this.sync.start();
  }

  private apply(c: SyncChanges): void {
    this.known = c.open;
    for (const [id, n] of c.missing) {
      if (n === 0) this.missing.delete(id);
      else this.missing.set(id, n);
    }
    const seenAt = Date.now();
    const changes: TeamChanges = {
      upserts: [...c.added, ...c.updated],
      closed: c.closed.map(({ todo, reason }) => ({ todo, reason })),
      missing: c.missing,
    };
    // Sync wants apply() synchronous; the store is async, so writes are chained in order.
    this.writes = this.writes
      .then(async () => {
        await this.o.store.applyTeamChanges(changes);
        this.o.onStored?.(changes, seenAt);
      })
      .catch((e: unknown) => this.o.log(`storing a poll failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** Polls now and resolves once its result is stored. */
  async pollNow(): Promise<void> {
    await this.sync?.syncNow();
    await this.writes;
  }

  status(): SyncStatus | null {
    return this.statusValue;
  }

  async stop(): Promise<void> {
    this.sync?.stop();
    await this.writes;
    await this.client?.close();
    this.sync = null;
    this.client = null;
  }
}
