/** The relay's small parts on their own: budget, loopback rule, sealed secret, codes, migrations, SSE frames. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../electron/main/relay-link/sse';
import { createBudget } from '../src/budget';
import { openSqlite } from '../src/db/sqlite';
import { migrate } from '../src/db/migrations';
import { isLoopback, sseFrame } from '../src/http-server';
import { loadKey, secretBox } from '../src/secret-box';
import { newEnrolmentCode, normaliseCode } from '../src/tokens';
import { chinaDayStart } from '../src/team';

describe('vendor request budget', () => {
  it('never lets more than the ceiling through in any 60 s window; the rest wait', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const budget = createBudget(3, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    const sentAt: number[] = [];
    for (let i = 0; i < 7; i++) {
      await budget.take();
      sentAt.push(now);
      now += 1000;
    }
    for (let i = 0; i < sentAt.length; i++) {
      expect(sentAt.filter((t) => t > sentAt[i]! - 60_000 && t <= sentAt[i]!).length).toBeLessThanOrEqual(3);
    }
    expect(waits.length).toBeGreaterThan(0);
    expect(budget.total()).toBe(7);
  });

  it('counts every request through the wrapped transport', async () => {
    const budget = createBudget(100);
    const t = budget.wrap({ send: async () => ({ status: 200, headers: {}, text: '' }), close: async () => {} });
    await t.send({ method: 'GET', url: 'http://x', headers: {}, idempotent: true });
    await t.send({ method: 'GET', url: 'http://x', headers: {}, idempotent: true });
    expect(budget.usedLastMinute()).toBe(2);
  });
});

describe('plain HTTP only from this machine', () => {
  it('knows loopback addresses, v4, v6 and mapped', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '', undefined]) expect(isLoopback(a)).toBe(false);
  });
});

describe('sealed client secret', () => {
  it('round-trips, differs each time, and fails with a one-line reason under another key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-key-'));
    try {
      const keyFile = join(dir, 'secret.key');
      const box = secretBox(loadKey({ keyFile }));
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const a = box.seal('s3cret');
      expect(a).not.toContain('s3cret');
      expect(box.seal('s3cret')).not.toBe(a);
      expect(box.open(a)).toBe('s3cret');
      expect(secretBox(loadKey({ keyFile })).open(a)).toBe('s3cret'); // same key file, same key
      const other = secretBox(loadKey({ envKey: 'another', keyFile }));
      expect(() => other.open(a)).toThrow(/cannot be decrypted with this key/);
      expect(readFileSync(keyFile, 'utf8')).not.toContain('s3cret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('enrolment codes', () => {
  it('are 10 unambiguous characters and accept lower case and missing dashes', () => {
    const code = newEnrolmentCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect(normaliseCode(code.toLowerCase().replace('-', ' '))).toBe(code);
  });
});

describe('migrations', () => {
  it('apply once, in order, and refuse a database from a newer relay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-mig-'));
    try {
      const db = openSqlite(join(dir, 'x.sqlite'));
      expect(await migrate(db)).toEqual([1]);
      expect(await migrate(db)).toEqual([]);
      await db.run('INSERT INTO relay_migrations (version, name, applied_at) VALUES (99, ?, 0)', ['future']);
      await expect(migrate(db)).rejects.toThrow(/newer than this relay/);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SSE frames', () => {
  it('parse back across arbitrary chunk boundaries, comments ignored', () => {
    const text = `retry: 3000\n\n: keep-alive\n\n${sseFrame({ id: 7, type: 'todo', data: { todo: { id: 1, title: '回访' } } })}${sseFrame({ id: 8, type: 'remove', data: { id: 1 } })}`;
    for (const size of [1, 3, 17, text.length]) {
      const p = new SseParser();
      const frames = [];
      for (let i = 0; i < text.length; i += size) frames.push(...p.push(text.slice(i, i + size)));
      expect(frames.map((f) => [f.id, f.event, JSON.parse(f.data)])).toEqual([
        ['7', 'todo', { todo: { id: 1, title: '回访' } }],
        ['8', 'remove', { id: 1 }],
      ]);
    }
  });
});

describe('the supervisor day', () => {
  it('starts at midnight China time', () => {
    expect(new Date(chinaDayStart(Date.parse('2026-03-01T15:59:00Z'))).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(new Date(chinaDayStart(Date.parse('2026-03-01T16:00:00Z'))).toISOString()).toBe('2026-03-01T16:00:00.000Z');
  });
});
