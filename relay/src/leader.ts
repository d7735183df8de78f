/**
 * Who polls the vendor. SQLite: this instance (one relay per file). Postgres: whoever holds
 * a session advisory lock; the others try again every `retryMs`. When the holder dies its
 * session ends and Postgres releases the lock, so another instance takes over within one
 * retry interval. The holder checks its lock connection on the same beat and stops
 * polling the moment it is lost.
 */
import pg from 'pg';

export const POLL_LOCK = 7_310_003;

export interface Leadership {
  /** Resolves after the first attempt to lead (and, when it led, the poller's first poll). */
  start(): Promise<void>;
  isLeader(): boolean;
  stop(): Promise<void>;
}

export interface LeaderEvents {
  onLead(): Promise<void>;
  onLose(): Promise<void>;
  log(line: string): void;
}

export function soleLeader(ev: LeaderEvents): Leadership {
  let leading = false;
  return {
    start() {
      leading = true;
      return ev.onLead().catch((e: unknown) => ev.log(`poller failed to start: ${e instanceof Error ? e.message : String(e)}`));
    },
    isLeader: () => leading,
    async stop() {
      if (leading) await ev.onLose();
      leading = false;
    },
  };
}

export function advisoryLeader(url: string, retryMs: number, ev: LeaderEvents): Leadership {
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let transition: Promise<void> = Promise.resolve();

  const lose = (why: string): void => {
    const c = client;
    client = null;
    c?.end().catch(() => {});
    if (!leading) return;
    leading = false;
    ev.log(`poll lock lost (${why}); another instance takes over`);
    transition = transition.then(() => ev.onLose()).catch(() => {});
  };

  async function beat(): Promise<void> {
    if (stopped) return;
    try {
      if (leading && client) {
        await client.query('SELECT 1');
      } else {
        if (!client) {
          const c = new pg.Client({ connectionString: url });
          c.on('error', (e) => lose(e.message));
          c.on('end', () => lose('connection closed'));
          await c.connect();
          client = c;
        }
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [POLL_LOCK]);
        if (r.rows[0]?.ok && !stopped) {
          leading = true;
          ev.log('holding the poll lock: this instance polls the vendor');
          transition = transition.then(() => ev.onLead()).catch((e: unknown) => ev.log(`poller failed: ${e instanceof Error ? e.message : String(e)}`));
        }
      }
    } catch (e) {
      lose(e instanceof Error ? e.message : String(e));
    }
    if (!stopped) {
      timer = setTimeout(() => void beat(), retryMs);
      timer.unref();
    }
  }

  return {
    async start() {
      await beat();
      await transition;
    },
    isLeader: () => leading,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (leading) {
        leading = false;
        await transition;
        await ev.onLose();
      }
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** LISTEN for event notifications from any instance; reconnects after a failure. */
export function listenForEvents(url: string, onNotify: () => void, log: (line: string) => void): { stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    const retry = (why: string): void => {
      if (client === c) client = null;
      c.end().catch(() => {});
      if (stopped) return;
      log(`event listener: ${why}; reconnecting`);
      timer = setTimeout(() => void connect(), 1000);
      timer.unref();
      onNotify(); // whatever was missed meanwhile
    };
    c.on('error', (e) => retry(e.message));
    c.on('notification', () => onNotify());
    try {
      await c.connect();
      await c.query('LISTEN relay_events');
      client = c;
    } catch (e) {
      retry(e instanceof Error ? e.message : String(e));
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
