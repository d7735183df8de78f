/**
 * Everything the relay keeps, over the one query layer (db/db.ts): credentials (secret
 * sealed), admin tokens, enrolments, devices, the team's open todos and who they are
 * routed to, the event log devices catch up from, and shared marks with their history.
 */
import type { Todo } from '../../shared/todo';
import { one, type Db, type Queryable } from './db/db';
import { nextMark, type MarkInput, type SharedMark } from './marks';
import type { SecretBox } from './secret-box';
import { hashToken, newAdminToken, newDeviceToken, newEnrolmentCode, normaliseCode, staffKey } from './tokens';

export interface Credentials {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  tenantId?: string;
}

export type RelayEvent =
  | { id: number; staff: string; type: 'todo'; data: { todo: Todo } }
  | { id: number; staff: string; type: 'remove'; data: { id: number; reason: string } }
  | { id: number; staff: string; type: 'mark'; data: SharedMark }
  | { id: number; staff: string; type: 'revoke'; data: { deviceId: number } };
type NewEvent = { staff: string; type: RelayEvent['type']; todoId: number | null; data: unknown };

export interface Device {
  id: number;
  staff: string;
  name: string;
}

export interface TeamChanges {
  upserts: Todo[];
  closed: { todo: Todo; reason: string }[];
  /** Consecutive polls a todo was missing from the list (0 clears). */
  missing: Map<number, number>;
}

export const ENROLMENT_TTL_MS = 24 * 3600_000;
/** Events kept for catch-up; a device further behind gets a fresh snapshot. */
export const EVENT_RETENTION_MS = 7 * 24 * 3600_000;

const recipientsOf = (t: Todo): string[] => [...new Set(t.recipients.map(staffKey).filter((s) => s !== ''))];

function rowToMark(r: Record<string, unknown>): SharedMark {
  return {
    todoId: Number(r.todo_id),
    kind: r.kind as SharedMark['kind'],
    done: Number(r.done) === 1,
    snoozedUntil: (r.snoozed_until as string | null) ?? null,
    handedTo: (r.handed_to as string | null) ?? null,
    at: new Date(Number(r.at)).toISOString(),
    deviceId: Number(r.device_id),
  };
}

function rowToEvent(r: Record<string, unknown>): RelayEvent {
  return { id: Number(r.id), staff: String(r.staff), type: r.type, data: JSON.parse(String(r.payload)) } as RelayEvent;
}

export class RelayStore {
  constructor(
    readonly db: Db,
    private readonly box: SecretBox,
    private readonly now: () => number = Date.now,
  ) {}

  // ---- credentials ---------------------------------------------------------------

  async saveCredentials(c: Credentials): Promise<void> {
    await this.db.run(
      `INSERT INTO credentials (id, base_url, token_url, client_id, secret_enc, tenant_id, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET base_url = excluded.base_url, token_url = excluded.token_url, client_id = excluded.client_id,
       secret_enc = excluded.secret_enc, tenant_id = excluded.tenant_id, updated_at = excluded.updated_at`,
      [c.baseUrl, c.tokenUrl, c.clientId, this.box.seal(c.clientSecret), c.tenantId ?? null, this.now()],
    );
  }

  async credentials(): Promise<Credentials | null> {
    const r = await one(this.db, 'SELECT * FROM credentials WHERE id = 1');
    if (!r) return null;
    return {
      baseUrl: String(r.base_url),
      tokenUrl: String(r.token_url),
      clientId: String(r.client_id),
      clientSecret: this.box.open(String(r.secret_enc)),
      ...(r.tenant_id ? { tenantId: String(r.tenant_id) } : {}),
    };
  }

  // ---- admins, enrolment, devices ------------------------------------------------

  async createAdminToken(): Promise<string> {
    const token = newAdminToken();
    await this.db.run('INSERT INTO admin_tokens (token_hash, created_at) VALUES (?, ?)', [hashToken(token), this.now()]);
    return token;
  }

  async isAdmin(token: string): Promise<boolean> {
    return (await one(this.db, 'SELECT 1 AS ok FROM admin_tokens WHERE token_hash = ?', [hashToken(token)])) !== undefined;
  }

  /** A one-time code for `staff`; only its hash is stored. */
  async enrol(staff: string, ttlMs = ENROLMENT_TTL_MS): Promise<{ code: string; staff: string; expiresAt: string }> {
    const key = staffKey(staff);
    if (!key || key.length > 64 || /[\s\p{Cc}\p{Cf}]/u.test(key)) throw new Error('a staff code is one word of at most 64 characters');
    const code = newEnrolmentCode();
    const at = this.now();
    await this.db.run('INSERT INTO enrolments (code_hash, staff, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      hashToken(code),
      key,
      at,
      at + ttlMs,
    ]);
    return { code, staff: key, expiresAt: new Date(at + ttlMs).toISOString() };
  }

  /** Exchanges an unused, unexpired code for a device token (shown once). */
  async redeem(code: string, deviceName: string): Promise<{ token: string; device: Device } | null> {
    const hash = hashToken(normaliseCode(code));
    const at = this.now();
    return this.db.tx(async (q) => {
      // The UPDATE claims the code atomically: two devices racing for one code, one wins.
      const claimed = await q.run('UPDATE enrolments SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?', [at, hash, at]);
      if (claimed.changes !== 1) return null;
      const e = await one<{ staff: string }>(q, 'SELECT staff FROM enrolments WHERE code_hash = ?', [hash]);
      const token = newDeviceToken();
      const name = deviceName.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim().slice(0, 80) || 'device';
      const row = await one<{ id: number }>(
        q,
        'INSERT INTO devices (staff, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id',
        [e!.staff, name, hashToken(token), at],
      );
      return { token, device: { id: Number(row!.id), staff: e!.staff, name } };
    });
  }

  async deviceFor(token: string): Promise<Device | null> {
    const r = await one(this.db, 'SELECT id, staff, name FROM devices WHERE token_hash = ? AND revoked_at IS NULL', [hashToken(token)]);
    return r ? { id: Number(r.id), staff: String(r.staff), name: String(r.name) } : null;
  }

  async devices(): Promise<(Device & { createdAt: string; revokedAt: string | null })[]> {
    const rows = await this.db.all('SELECT * FROM devices ORDER BY id');
    return rows.map((r) => ({
      id: Number(r.id),
      staff: String(r.staff),
      name: String(r.name),
      createdAt: new Date(Number(r.created_at)).toISOString(),
      revokedAt: r.revoked_at === null ? null : new Date(Number(r.revoked_at)).toISOString(),
    }));
  }

  /** Revokes and logs a 'revoke' event so every instance drops the device's streams at once. */
  async revoke(deviceId: number): Promise<Device | null> {
    return this.db.tx(async (q) => {
      const r = await one(q, 'SELECT id, staff, name FROM devices WHERE id = ? AND revoked_at IS NULL', [deviceId]);
      if (!r) return null;
      await q.run('UPDATE devices SET revoked_at = ? WHERE id = ?', [this.now(), deviceId]);
      await this.addEvents(q, [{ staff: String(r.staff), type: 'revoke', todoId: null, data: { deviceId } }]);
      return { id: deviceId, staff: String(r.staff), name: String(r.name) };
    });
  }

  // ---- todos (written only by the poller) ----------------------------------------

  async openTodos(): Promise<{ todo: Todo; missing: number }[]> {
    const rows = await this.db.all('SELECT data, missing FROM todos ORDER BY id');
    return rows.map((r) => ({ todo: JSON.parse(String(r.data)) as Todo, missing: Number(r.missing) }));
  }

  /** One poll's result: todos, routing and the events that tell each affected staff member. */
  async applyTeamChanges(c: TeamChanges): Promise<number> {
    if (c.upserts.length === 0 && c.closed.length === 0 && c.missing.size === 0) return 0;
    const at = this.now();
    return this.db.tx(async (q) => {
      const handed = new Map<number, string[]>();
      for (const r of await q.all('SELECT todo_id, handed_to FROM marks WHERE handed_to IS NOT NULL')) {
        const id = Number(r.todo_id);
        handed.set(id, [...(handed.get(id) ?? []), String(r.handed_to)]);
      }
      const routedBefore = async (id: number): Promise<string[]> =>
        (await q.all<{ staff: string }>('SELECT staff FROM todo_staff WHERE todo_id = ?', [id])).map((r) => r.staff);
      const events: NewEvent[] = [];
      for (const todo of c.upserts) {
        const before = await routedBefore(todo.id);
        const now = recipientsOf(todo);
        await q.run(
          `INSERT INTO todos (id, data, remind_at, missing, updated_at) VALUES (?, ?, ?, 0, ?)
           ON CONFLICT (id) DO UPDATE SET data = excluded.data, remind_at = excluded.remind_at, updated_at = excluded.updated_at`,
          [todo.id, JSON.stringify(todo), todo.remindAt, at],
        );
        for (const s of before.filter((s) => !now.includes(s))) {
          await q.run('DELETE FROM todo_staff WHERE staff = ? AND todo_id = ?', [s, todo.id]);
          events.push({ staff: s, type: 'remove', todoId: todo.id, data: { id: todo.id, reason: 'reassigned' } });
        }
        for (const s of now.filter((s) => !before.includes(s))) {
          await q.run('INSERT INTO todo_staff (staff, todo_id) VALUES (?, ?)', [s, todo.id]);
        }
        for (const s of new Set([...now, ...(handed.get(todo.id) ?? [])])) events.push({ staff: s, type: 'todo', todoId: todo.id, data: { todo } });
      }
      for (const { todo, reason } of c.closed) {
        const before = await routedBefore(todo.id);
        await q.run('DELETE FROM todo_staff WHERE todo_id = ?', [todo.id]);
        await q.run('DELETE FROM todos WHERE id = ?', [todo.id]);
        for (const s of new Set([...before, ...(handed.get(todo.id) ?? [])])) {
          events.push({ staff: s, type: 'remove', todoId: todo.id, data: { id: todo.id, reason } });
          await q.run('INSERT INTO closures (todo_id, staff, reason, at) VALUES (?, ?, ?, ?)', [todo.id, s, reason, at]);
        }
      }
      for (const [id, n] of c.missing) await q.run('UPDATE todos SET missing = ? WHERE id = ?', [n, id]);
      await this.addEvents(q, events);
      return events.length;
    });
  }

  // ---- what a device sees ---------------------------------------------------------

  /** The staff member's todos: routed to them by recipientData, or handed to them. */
  private async todosOf(q: Queryable, staff: string, id?: number): Promise<Todo[]> {
    const byId = id === undefined ? '' : ' AND t.id = ?';
    const params = id === undefined ? [staff, staff] : [staff, id, staff, id];
    const rows = await q.all(
      `SELECT t.id, t.data FROM todos t JOIN todo_staff s ON s.todo_id = t.id WHERE s.staff = ?${byId}
       UNION SELECT t.id, t.data FROM todos t JOIN marks m ON m.todo_id = t.id WHERE m.handed_to = ?${byId}
       ORDER BY 1`,
      params,
    );
    return rows.map((r) => JSON.parse(String(r.data)) as Todo);
  }

  async marksOf(q: Queryable, staff: string): Promise<SharedMark[]> {
    return (await q.all('SELECT * FROM marks WHERE staff = ? ORDER BY todo_id', [staff])).map(rowToMark);
  }

  /** Todos, marks and the event id they are current as of, read in one transaction. */
  async snapshot(staff: string): Promise<{ eventId: number; todos: Todo[]; marks: SharedMark[] }> {
    return this.db.tx(async (q) => {
      const last = await one<{ id: number | null }>(q, 'SELECT MAX(id) AS id FROM events');
      return { eventId: Number(last?.id ?? 0), todos: await this.todosOf(q, staff), marks: await this.marksOf(q, staff) };
    });
  }

  async todoOf(staff: string, id: number): Promise<Todo | null> {
    return (await this.todosOf(this.db, staff, id))[0] ?? null;
  }

  /** This staff member's events after `id`, or null when the log no longer reaches back that far. */
  async eventsAfter(staff: string, id: number): Promise<RelayEvent[] | null> {
    const bounds = await one<{ lo: number | null; hi: number | null }>(this.db, 'SELECT MIN(id) AS lo, MAX(id) AS hi FROM events');
    const lo = Number(bounds?.lo ?? 0);
    const hi = Number(bounds?.hi ?? 0);
    if (id > hi || (lo > 0 && id < lo - 1) || id < 0) return null;
    return (await this.db.all('SELECT * FROM events WHERE staff = ? AND id > ? ORDER BY id', [staff, id])).map(rowToEvent);
  }

  /** Every event after `id` (the fan-out reads these once per instance, then routes in memory). */
  async allEventsAfter(id: number, limit = 5000): Promise<RelayEvent[]> {
    return (await this.db.all('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?', [id, limit])).map(rowToEvent);
  }

  async lastEventId(): Promise<number> {
    return Number((await one<{ id: number | null }>(this.db, 'SELECT MAX(id) AS id FROM events'))?.id ?? 0);
  }

  // ---- marks -----------------------------------------------------------------------

  /** Applies marks in order (relay clock), logs each with who/when/device, and tells the staff member's devices. */
  async putMarks(device: Device, inputs: MarkInput[]): Promise<SharedMark[]> {
    return this.db.tx(async (q) => {
      const out: SharedMark[] = [];
      const events: NewEvent[] = [];
      for (const input of inputs) {
        const prevRow = await one(q, 'SELECT * FROM marks WHERE staff = ? AND todo_id = ?', [device.staff, input.todoId]);
        const prev = prevRow ? rowToMark(prevRow) : null;
        const at = this.now();
        const mark = nextMark(input, prev, at, device.id);
        await q.run(
          `INSERT INTO marks (staff, todo_id, kind, done, snoozed_until, handed_to, at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (staff, todo_id) DO UPDATE SET kind = excluded.kind, done = excluded.done, snoozed_until = excluded.snoozed_until,
           handed_to = excluded.handed_to, at = excluded.at, device_id = excluded.device_id`,
          [device.staff, mark.todoId, mark.kind, mark.done ? 1 : 0, mark.snoozedUntil, mark.handedTo, at, device.id],
        );
        await q.run(
          'INSERT INTO mark_log (staff, todo_id, kind, until_at, handed_to, at, device_id, client_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [device.staff, mark.todoId, mark.kind, mark.snoozedUntil, mark.handedTo, at, device.id, input.clientAt ?? null],
        );
        events.push({ staff: device.staff, type: 'mark', todoId: mark.todoId, data: mark });
        if (mark.handedTo && mark.handedTo !== prev?.handedTo) {
          const todo = await one(q, 'SELECT data FROM todos WHERE id = ?', [mark.todoId]);
          if (todo) events.push({ staff: mark.handedTo, type: 'todo', todoId: mark.todoId, data: { todo: JSON.parse(String(todo.data)) } });
        }
        if (prev?.handedTo && prev.handedTo !== mark.handedTo) {
          events.push({ staff: prev.handedTo, type: 'remove', todoId: mark.todoId, data: { id: mark.todoId, reason: 'hand-off withdrawn' } });
        }
        out.push(mark);
      }
      await this.addEvents(q, events);
      return out;
    });
  }

  /** Mark history of one staff member's todo: who, when, from which device. */
  async markHistory(staff: string, todoId: number): Promise<{ kind: string; at: string; deviceId: number; clientAt: string | null }[]> {
    const rows = await this.db.all('SELECT * FROM mark_log WHERE staff = ? AND todo_id = ? ORDER BY id', [staff, todoId]);
    return rows.map((r) => ({
      kind: String(r.kind),
      at: new Date(Number(r.at)).toISOString(),
      deviceId: Number(r.device_id),
      clientAt: (r.client_at as string | null) ?? null,
    }));
  }

  // ---- events ------------------------------------------------------------------------

  private async addEvents(q: Queryable, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    // Event ids must become visible in id order or a reader could skip one that commits
    // late; on Postgres every event-writing transaction takes the same lock.
    if (this.db.dialect === 'postgres') await q.all('SELECT pg_advisory_xact_lock(?)', [EVENT_WRITE_LOCK]);
    const at = this.now();
    for (const e of events) {
      await q.run('INSERT INTO events (staff, type, todo_id, payload, at) VALUES (?, ?, ?, ?, ?)', [e.staff, e.type, e.todoId, JSON.stringify(e.data), at]);
    }
    if (this.db.dialect === 'postgres') await q.all("SELECT pg_notify('relay_events', '')");
  }

  async pruneEvents(): Promise<number> {
    const keepAfter = this.now() - EVENT_RETENTION_MS;
    // Always keep the newest event, so ids never restart and MAX(id) stays meaningful.
    return (await this.db.run('DELETE FROM events WHERE at < ? AND id < (SELECT MAX(id) FROM events)', [keepAfter])).changes;
  }
}

export const EVENT_WRITE_LOCK = 7_310_002;
