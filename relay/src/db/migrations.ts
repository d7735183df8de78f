/**
 * Versioned schema, run at start. Each version is applied once, in order, inside one
 * transaction; the applied versions are recorded in relay_migrations. Never edit a
 * released version: add the next one.
 * `{ID}` is the auto-increment key and `{BIG}` a 64-bit integer in the dialect at hand.
 */
import type { Db, Dialect } from './db';

const MIGRATIONS: { version: number; name: string; sql: string[] }[] = [
  {
    version: 1,
    name: 'initial',
    sql: [
      `CREATE TABLE credentials (id INTEGER PRIMARY KEY, base_url TEXT NOT NULL, token_url TEXT NOT NULL,
        client_id TEXT NOT NULL, secret_enc TEXT NOT NULL, tenant_id TEXT, updated_at {BIG} NOT NULL)`,
      `CREATE TABLE admin_tokens (token_hash TEXT PRIMARY KEY, created_at {BIG} NOT NULL)`,
      `CREATE TABLE enrolments (code_hash TEXT PRIMARY KEY, staff TEXT NOT NULL, created_at {BIG} NOT NULL,
        expires_at {BIG} NOT NULL, used_at {BIG})`,
      `CREATE TABLE devices (id {ID}, staff TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
        created_at {BIG} NOT NULL, revoked_at {BIG})`,
      `CREATE TABLE todos (id {BIG} PRIMARY KEY, data TEXT NOT NULL, remind_at TEXT, missing INTEGER NOT NULL DEFAULT 0,
        updated_at {BIG} NOT NULL)`,
      `CREATE TABLE todo_staff (staff TEXT NOT NULL, todo_id {BIG} NOT NULL, PRIMARY KEY (staff, todo_id))`,
      `CREATE TABLE events (id {ID}, staff TEXT NOT NULL, type TEXT NOT NULL, todo_id {BIG}, payload TEXT NOT NULL,
        at {BIG} NOT NULL)`,
      `CREATE INDEX events_staff ON events (staff, id)`,
      `CREATE TABLE marks (staff TEXT NOT NULL, todo_id {BIG} NOT NULL, kind TEXT NOT NULL, done INTEGER NOT NULL,
        snoozed_until TEXT, handed_to TEXT, at {BIG} NOT NULL, device_id {BIG} NOT NULL, PRIMARY KEY (staff, todo_id))`,
      `CREATE INDEX marks_handed ON marks (handed_to)`,
      `CREATE TABLE mark_log (id {ID}, staff TEXT NOT NULL, todo_id {BIG} NOT NULL, kind TEXT NOT NULL, until_at TEXT,
        handed_to TEXT, at {BIG} NOT NULL, device_id {BIG} NOT NULL, client_at TEXT)`,
      `CREATE INDEX mark_log_at ON mark_log (at)`,
      `CREATE TABLE closures (todo_id {BIG} NOT NULL, staff TEXT NOT NULL, reason TEXT NOT NULL, at {BIG} NOT NULL)`,
      `CREATE INDEX closures_at ON closures (at)`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

function dialectSql(sql: string, dialect: Dialect): string {
  return dialect === 'sqlite'
    ? sql.replaceAll('{ID}', 'INTEGER PRIMARY KEY AUTOINCREMENT').replaceAll('{BIG}', 'INTEGER')
    : sql.replaceAll('{ID}', 'BIGSERIAL PRIMARY KEY').replaceAll('{BIG}', 'BIGINT');
}

/** Several Postgres instances may start at once: the migration runs under a lock. */
const MIGRATION_LOCK = 7_310_001;

export async function migrate(db: Db, now: () => number = Date.now): Promise<number[]> {
  return db.tx(async (q) => {
    if (db.dialect === 'postgres') await q.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await q.run(
      dialectSql('CREATE TABLE IF NOT EXISTS relay_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {BIG} NOT NULL)', db.dialect),
    );
    const done = new Set((await q.all<{ version: number }>('SELECT version FROM relay_migrations')).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const sql of m.sql) await q.run(dialectSql(sql, db.dialect));
      await q.run('INSERT INTO relay_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now()]);
      applied.push(m.version);
    }
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) throw new Error(`the database has schema version ${newest}, newer than this relay (${SCHEMA_VERSION})`);
    return applied;
  });
}
