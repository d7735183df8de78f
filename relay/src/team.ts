/**
 * The supervisor's view: per staff member, open, overdue and handled-today counts and the
 * overdue todos. "Today" is the China calendar day (UTC+8), the merchant's day.
 */
import type { Db } from './db/db';

export interface StaffSummary {
  staff: string;
  devices: number;
  open: number;
  overdue: number;
  handledToday: number;
  overdueTodos: { id: number; title: string; remindAt: string | null; customer: string | null }[];
}

const CHINA_OFFSET_MS = 8 * 3600_000;
export const chinaDayStart = (now: number): number =>
  Math.floor((now + CHINA_OFFSET_MS) / 86_400_000) * 86_400_000 - CHINA_OFFSET_MS;

export async function teamSummary(db: Db, now: number): Promise<{ at: string; staff: StaffSummary[] }> {
  const dayStart = chinaDayStart(now);
  const rows: Record<string, StaffSummary> = {};
  const get = (s: string): StaffSummary => (rows[s] ??= { staff: s, devices: 0, open: 0, overdue: 0, handledToday: 0, overdueTodos: [] });

  for (const r of await db.all('SELECT staff, COUNT(*) AS n FROM devices WHERE revoked_at IS NULL GROUP BY staff')) get(String(r.staff)).devices = Number(r.n);
  const marks = new Map<string, { done: boolean; snoozedUntil: string | null }>();
  for (const r of await db.all('SELECT staff, todo_id, done, snoozed_until FROM marks')) {
    marks.set(`${r.staff} ${r.todo_id}`, { done: Number(r.done) === 1, snoozedUntil: (r.snoozed_until as string | null) ?? null });
  }
  const open = await db.all(
    `SELECT s.staff, t.id, t.data, t.remind_at FROM todo_staff s JOIN todos t ON t.id = s.todo_id
     UNION SELECT m.handed_to, t.id, t.data, t.remind_at FROM marks m JOIN todos t ON t.id = m.todo_id WHERE m.handed_to IS NOT NULL`,
  );
  for (const r of open) {
    const staff = String(r.staff);
    const mark = marks.get(`${staff} ${r.id}`);
    if (mark?.done) continue;
    const sum = get(staff);
    sum.open++;
    const remind = r.remind_at ? Date.parse(String(r.remind_at)) : NaN;
    const snoozed = mark?.snoozedUntil ? Date.parse(mark.snoozedUntil) > now : false;
    if (Number.isFinite(remind) && remind < now && !snoozed) {
      sum.overdue++;
      const todo = JSON.parse(String(r.data)) as { id: number; title: string; remindAt: string | null; customer: string | null };
      sum.overdueTodos.push({ id: todo.id, title: todo.title, remindAt: todo.remindAt, customer: todo.customer });
    }
  }
  const handled = await db.all(
    `SELECT staff, todo_id FROM mark_log WHERE kind = 'done' AND at >= ?
     UNION SELECT staff, todo_id FROM closures WHERE reason = 'handled' AND at >= ?`,
    [dayStart, dayStart],
  );
  const seen = new Set<string>();
  for (const r of handled) {
    const key = `${r.staff} ${r.todo_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    get(String(r.staff)).handledToday++;
  }
  for (const s of Object.values(rows)) s.overdueTodos.sort((a, b) => String(a.remindAt).localeCompare(String(b.remindAt)));
  return { at: new Date(now).toISOString(), staff: Object.values(rows).sort((a, b) => a.staff.localeCompare(b.staff)) };
}
