/** The embedded store: one SQLite file (WAL, so the CLI can enrol while the server runs). */
import Database from 'better-sqlite3';
import type { Db, Param, Queryable, Row } from './db';

export function openSqlite(file: string): Db {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');

  const q: Queryable = {
    async all<T = Row>(sql: string, params: Param[] = []) {
      const st = raw.prepare(sql);
      return (st.reader ? st.all(...params) : (st.run(...params), [])) as T[];
    },
    async run(sql: string, params: Param[] = []) {
      return { changes: raw.prepare(sql).run(...params).changes };
    },
  };
  // better-sqlite3 is synchronous; async callbacks inside a transaction would interleave
  // with other callers, so transactions are queued one after another.
  let chain: Promise<unknown> = Promise.resolve();
  return {
    dialect: 'sqlite',
    ...q,
    tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const next = chain.then(async () => {
        raw.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(q);
          raw.exec('COMMIT');
          return out;
        } catch (e) {
          raw.exec('ROLLBACK');
          throw e;
        }
      });
      chain = next.catch(() => {});
      return next;
    },
    async close() {
      await chain;
      raw.close();
    },
  };
}
