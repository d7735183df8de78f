/**
 * One small query layer for both stores: SQL is written once with `?` placeholders in the
 * subset both SQLite and PostgreSQL understand (ON CONFLICT, RETURNING); only the schema
 * differs per dialect (migrations.ts). Every call is async so the SQLite and Postgres
 * paths look the same to the rest of the relay.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;
export type Param = string | number | null;

export interface Queryable {
  all<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  run(sql: string, params?: Param[]): Promise<{ changes: number }>;
}

export interface Db extends Queryable {
  readonly dialect: Dialect;
  /** Runs `fn` in one transaction (serialised per connection). */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function one<T = Row>(q: Queryable, sql: string, params: Param[] = []): Promise<T | undefined> {
  return (await q.all<T>(sql, params))[0];
}

/** `?` → `$1, $2 …` for pg (no `?` ever appears inside our SQL strings). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
