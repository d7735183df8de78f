/** PostgreSQL through a pg Pool; one dedicated client per transaction. */
import pg from 'pg';
import { numbered, type Db, type Param, type Queryable, type Row } from './db';

// BIGINT (event ids, ms timestamps) as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

function queryable(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    async all<T = Row>(sql: string, params: Param[] = []) {
      return (await c.query(numbered(sql), params)).rows as T[];
    },
    async run(sql: string, params: Param[] = []) {
      return { changes: (await c.query(numbered(sql), params)).rowCount ?? 0 };
    },
  };
}

export function openPostgres(url: string): Db & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle client losing its server (a restart) must not crash the relay.
  pool.on('error', () => {});
  return {
    dialect: 'postgres',
    pool,
    ...queryable(pool),
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(queryable(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
