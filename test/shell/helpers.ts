import { EVENT_CHANNELS } from '../../shared/contract/channels';
import type { SnapshotMessage } from '../../shared/contract/delta';
import { createSnapshotReceiver } from '../../shared/contract/delta-apply';
import type { Snapshot, TodoView } from '../../shared/contract/types';

export const NOW = Date.parse('2026-11-25T10:00:00+08:00');
export const iso = (ms: number): string => new Date(ms).toISOString();
export const MIN = 60_000;

let seq = 1;
export function todo(over: Partial<TodoView> & { remindInMin?: number } = {}): TodoView {
  const { remindInMin = -5, ...rest } = over;
  return {
    id: seq++,
    title: '回访客户',
    content: '确认收货',
    remindAt: iso(NOW + remindInMin * MIN),
    isAlways: false,
    state: 'open',
    stateCode: 0,
    recipients: ['b08'],
    customer: 'wxid_demo',
    creator: 'b03',
    merchantId: 'm1',
    account: { id: 3430, wechatNo: 'kkk368555', nick: '小米', kind: 'wechat' },
    level: { name: '普通', color: '#1e90ff' },
    completion: 'manual',
    createdAt: iso(NOW - 86_400_000),
    local: { done: false, doneAt: null, snoozedUntil: null },
    closed: null,
    nextReminderAt: null,
    ...rest,
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    todos: [],
    status: { state: 'ok', lastSuccessAt: iso(NOW - 2 * MIN), lastError: null, nextSyncAt: null },
    reminders: { pausedUntil: null, quietNow: false },
    demo: false,
    staff: 'b08',
    generatedAt: iso(NOW),
    ...over,
  };
}

/** 3 due, 9 more open in the future, plus done/closed/snoozed ones that count for nothing. */
export function busySnapshot(over: Partial<Snapshot> = {}): Snapshot {
  const todos: TodoView[] = [];
  for (let i = 0; i < 3; i++) todos.push(todo({ remindInMin: -10 - i }));
  for (let i = 0; i < 8; i++) todos.push(todo({ remindInMin: 30 + i }));
  todos.push(todo({ remindInMin: -1, local: { done: false, doneAt: null, snoozedUntil: iso(NOW + 10 * MIN) } }));
  todos.push(todo({ remindInMin: -20, local: { done: true, doneAt: iso(NOW - MIN), snoozedUntil: null } }));
  todos.push(todo({ remindInMin: -30, closed: { reason: 'handled', at: iso(NOW - MIN) } }));
  return snapshot({ todos, ...over });
}

/** The snapshot the window's page holds after what main sent it (a full snapshot per load, then deltas). */
export function pageSnapshot(sent: readonly { channel: string; payload: unknown }[]): Snapshot | undefined {
  let current: Snapshot | undefined;
  const page = createSnapshotReceiver(
    (s) => (current = s),
    () => {},
  );
  for (const m of sent) if (m.channel === EVENT_CHANNELS.snapshot) page.receive(m.payload as SnapshotMessage);
  return current;
}
