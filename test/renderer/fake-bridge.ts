/**
 * An in-memory YoumiBridge for component tests: keeps todos, settings and the secret, records
 * every call, and pushes a fresh Snapshot to subscribers after each change (like main does).
 */
import type {
  BridgeMethod,
  HistoryEntry,
  PeopleNames,
  PendingTodo,
  TodoDraft,
  DoctorReport,
  HostProblem,
  PauseChoice,
  PublicSettings,
  ReminderEvent,
  SettingsPatch,
  Snapshot,
  SnoozeChoice,
  StaffMember,
  SyncStatus,
  TodoView,
  YoumiBridge,
} from '../../shared/contract/types';
import { fail, ok, type AppError, type Result } from '../../shared/errors';
import { diffSnapshots } from '../../electron/main/app/snapshot-deltas';
import { createSnapshotReceiver } from '../../shared/contract/delta-apply';

export const DEFAULT_SETTINGS: PublicSettings = {
  baseUrl: 'https://api.example.com',
  tokenUrl: 'https://sso.yunshouzhi.net/connect/token',
  clientId: 'client-1',
  clientSecretSet: true,
  secretStorage: 'encrypted',
  tenantId: '',
  staffCode: 'b08',
  pollIntervalSec: 60,
  repeatIntervalMin: 10,
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
  launchAtLogin: false,
  sound: true,
  language: 'zh-CN',
  theme: 'light',
  mode: 'account',
};

let nextId = 1000;

/** An ISO time `minutes` from now (negative = in the past). */
export const minutesFromNow = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

export function makeTodo(partial: Partial<TodoView> & { id?: number } = {}): TodoView {
  const id = partial.id ?? nextId++;
  return {
    id,
    title: `待办 ${id}`,
    content: null,
    remindAt: minutesFromNow(30),
    isAlways: false,
    state: 'open',
    stateCode: 0,
    recipients: ['b08'],
    customer: `wxid_customer${id}`,
    creator: 'b03',
    merchantId: '640462692',
    account: { id: 3430, wechatNo: 'kkk368555', nick: '个微P06', kind: 'wechat' },
    level: { name: '普通', color: '#2f6fe0' },
    completion: 'manual',
    createdAt: minutesFromNow(-600),
    local: { done: false, doneAt: null, snoozedUntil: null },
    closed: null,
    nextReminderAt: null,
    ...partial,
  };
}

export interface FakeBridgeInit {
  todos?: TodoView[];
  settings?: Partial<PublicSettings>;
  status?: Partial<SyncStatus>;
  pausedUntil?: string | null;
  quietNow?: boolean;
  demo?: boolean;
  staff?: StaffMember[];
  doctor?: DoctorReport;
  hostProblem?: HostProblem | null;
  names?: PeopleNames;
  history?: HistoryEntry[];
}

type Call = { method: BridgeMethod; args: unknown[] };

export class FakeBridge implements YoumiBridge {
  todos: TodoView[];
  settings: PublicSettings;
  /** What main would hold; the renderer must never see it. */
  secret: string | null = 'stored-secret';
  status: SyncStatus;
  pausedUntil: string | null;
  quietNow: boolean;
  demo: boolean;
  /** An unusable state file main moved aside at start. */
  storageProblem: { detail: string; movedTo: string | null } | null = null;
  staff: StaffMember[];
  doctor: DoctorReport;
  hostProblem: HostProblem | null;
  names: PeopleNames;
  history: HistoryEntry[];
  pending: PendingTodo[] = [];
  handoffs: Record<number, { code: string; name: string | null }> = {};
  private nextId = 9000;
  readonly calls: Call[] = [];
  /** Make the next call of a method fail with this error. */
  readonly failNext = new Map<BridgeMethod, AppError>();
  private generation = 0;
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly reminderListeners = new Set<(r: ReminderEvent) => void>();
  private readonly focusListeners = new Set<(id: number) => void>();
  private readonly settingsListeners = new Set<() => void>();
  private readonly newTodoListeners = new Set<() => void>();

  constructor(init: FakeBridgeInit = {}) {
    this.todos = init.todos ?? [];
    this.settings = { ...DEFAULT_SETTINGS, ...init.settings };
    this.status = {
      state: 'ok',
      lastSuccessAt: new Date().toISOString(),
      lastError: null,
      nextSyncAt: minutesFromNow(1),
      ...init.status,
    };
    this.pausedUntil = init.pausedUntil ?? null;
    this.quietNow = init.quietNow ?? false;
    this.demo = init.demo ?? false;
    this.hostProblem = init.hostProblem ?? null;
    this.staff = init.staff ?? [
      { code: 'b03', name: '李四', depart: '客服一部' },
      { code: 'b08', name: '张三', depart: '客服二部' },
    ];
    this.names = init.names ?? { customers: {}, staff: {} };
    this.history = init.history ?? [];
    this.doctor = init.doctor ?? {
      ok: true,
      steps: [
        { step: 'config', ok: true, detail: 'complete', error: null },
        { step: 'token', ok: true, detail: 'token ok', error: null },
        { step: 'count', ok: true, detail: '12 open todos', error: null },
        { step: 'staff', ok: true, detail: 'b08 = 张三', error: null },
      ],
    };
  }

  callsOf(method: BridgeMethod): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  snapshot(): Snapshot {
    this.generation += 1;
    return {
      todos: this.todos.map((t) => ({ ...t, local: { ...t.local } })),
      status: { ...this.status },
      reminders: { pausedUntil: this.pausedUntil, quietNow: this.quietNow },
      demo: this.demo,
      storageProblem: this.storageProblem,
      staff: this.settings.staffCode || null,
      names: this.names,
      pending: [...this.pending],
      handoffs: { ...this.handoffs },
      // strictly increasing, so the renderer never drops a snapshot as stale
      generatedAt: new Date(Date.now() + this.generation).toISOString(),
      ...(this.hostProblem ? { hostProblem: this.hostProblem } : {}),
    };
  }

  private readonly receiver = createSnapshotReceiver(
    (s) => {
      for (const listener of this.snapshotListeners) listener(s);
    },
    () => {
      throw new Error('the fake bridge skipped a delta');
    },
  );
  private sent: { seq: number; snapshot: Snapshot } | null = null;

  /**
   * Push the current state the way the real bridges deliver it: a full snapshot first, then
   * deltas applied on the page side, so an unchanged todo stays the same object.
   */
  emitAsDelta(): void {
    const next = this.snapshot();
    const seq = (this.sent?.seq ?? 0) + 1;
    if (!this.sent) this.receiver.receive({ seq, full: next });
    else {
      const delta = diffSnapshots(this.sent.snapshot, next);
      if (!delta) return;
      this.receiver.receive({ seq, delta });
    }
    this.sent = { seq, snapshot: next };
  }

  /** Push the current state to subscribers, as main does after every change. */
  emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.snapshotListeners) listener(snapshot);
  }

  emitReminder(reminder: ReminderEvent): void {
    for (const listener of this.reminderListeners) listener(reminder);
  }

  emitFocus(id: number): void {
    for (const listener of this.focusListeners) listener(id);
  }

  emitOpenSettings(): void {
    for (const listener of this.settingsListeners) listener();
  }

  /** The tray's 新建待办. */
  emitNewTodo(): void {
    for (const listener of this.newTodoListeners) listener();
  }

  private async call<T>(method: BridgeMethod, args: unknown[], run: () => T): Promise<Result<T>> {
    this.calls.push({ method, args });
    await Promise.resolve();
    const error = this.failNext.get(method);
    if (error) {
      this.failNext.delete(method);
      return fail(error);
    }
    return ok(run());
  }

  private update(ids: number[], change: (t: TodoView) => TodoView): void {
    const set = new Set(ids);
    this.todos = this.todos.map((t) => (set.has(t.id) ? change(t) : t));
    queueMicrotask(() => this.emit());
  }

  getSnapshot() {
    return this.call('getSnapshot', [], () => this.snapshot());
  }
  markDone(ids: number[]) {
    return this.call('markDone', [ids], () => {
      this.update(ids, (t) => ({ ...t, local: { ...t.local, done: true, doneAt: new Date().toISOString() } }));
      return null;
    });
  }
  undoDone(ids: number[]) {
    return this.call('undoDone', [ids], () => {
      this.update(ids, (t) => ({ ...t, local: { ...t.local, done: false, doneAt: null } }));
      return null;
    });
  }
  snooze(ids: number[], choice: SnoozeChoice) {
    return this.call('snooze', [ids, choice], () => {
      const minutes = choice === '10m' ? 10 : choice === '1h' ? 60 : null;
      const until = minutes !== null ? minutesFromNow(minutes) : choice === 'tomorrow' ? minutesFromNow(24 * 60) : choice;
      this.update(ids, (t) => ({ ...t, local: { ...t.local, snoozedUntil: until }, nextReminderAt: until }));
      return null;
    });
  }
  refresh() {
    return this.call('refresh', [], () => {
      queueMicrotask(() => this.emit());
      return null;
    });
  }
  pause(choice: PauseChoice) {
    return this.call('pause', [choice], () => {
      this.pausedUntil = choice === 'off' ? null : minutesFromNow(30);
      queueMicrotask(() => this.emit());
      return null;
    });
  }
  getSettings() {
    return this.call('getSettings', [], () => ({ ...this.settings }));
  }
  saveSettings(patch: SettingsPatch) {
    return this.call('saveSettings', [patch], () => {
      const { clientSecret, ...rest } = patch;
      if (clientSecret !== undefined) this.secret = clientSecret === '' ? null : clientSecret;
      this.settings = { ...this.settings, ...rest, clientSecretSet: this.secret !== null };
      return { ...this.settings };
    });
  }
  testConnection(draft: SettingsPatch) {
    return this.call('testConnection', [draft], () => this.doctor);
  }
  listStaff(draft: SettingsPatch) {
    return this.call('listStaff', [draft], () => this.staff);
  }
  useDemo() {
    return this.call('useDemo', [], () => {
      this.settings = { ...this.settings, mode: 'demo' };
      this.demo = true;
      queueMicrotask(() => this.emit());
      return null;
    });
  }
  useRelay(url: string, code: string) {
    return this.call('useRelay', [url, code], () => {
      this.settings = { ...this.settings, relay: url ? { url, staff: 'b08' } : null };
      return { ...this.settings };
    });
  }
  hideWindow() {
    return this.call('hideWindow', [], () => null);
  }
  setPinned(pinned: boolean) {
    return this.call('setPinned', [pinned], () => null);
  }
  openConversation(todoId: number) {
    return this.call('openConversation', [todoId], () => ({ message: null }));
  }
  private created(draft: TodoDraft): { id: number } {
    const id = (this.nextId += 1);
    this.pending.push({ id, title: draft.title, customer: draft.customer, accountId: draft.accountId, remindAt: draft.remindAt, recipients: ['b08'], createdAt: new Date().toISOString() });
    queueMicrotask(() => this.emit());
    return { id };
  }
  followUp(todoId: number, draft: TodoDraft) {
    return this.call('followUp', [todoId, draft], () => this.created(draft));
  }
  createTodo(draft: TodoDraft) {
    return this.call('createTodo', [draft], () => this.created(draft));
  }
  handOff(todoId: number, staffCode: string, note: string) {
    return this.call('handOff', [todoId, staffCode, note], () => {
      this.handoffs[todoId] = { code: staffCode, name: this.staff.find((s) => s.code === staffCode)?.name ?? null };
      this.update([todoId], (t) => ({ ...t, local: { ...t.local, done: true, doneAt: new Date().toISOString() } }));
      return { id: (this.nextId += 1) };
    });
  }
  getHistory() {
    return this.call('getHistory', [], () => [...this.history]);
  }
  listColleagues() {
    return this.call('listColleagues', [], () => [...this.staff]);
  }
  onSnapshot(listener: (s: Snapshot) => void) {
    this.snapshotListeners.add(listener);
    return () => void this.snapshotListeners.delete(listener);
  }
  onReminder(listener: (r: ReminderEvent) => void) {
    this.reminderListeners.add(listener);
    return () => void this.reminderListeners.delete(listener);
  }
  onFocusTodo(listener: (id: number) => void) {
    this.focusListeners.add(listener);
    return () => void this.focusListeners.delete(listener);
  }
  onOpenSettings(listener: () => void) {
    this.settingsListeners.add(listener);
    return () => void this.settingsListeners.delete(listener);
  }
  onNewTodo(listener: () => void) {
    this.newTodoListeners.add(listener);
    return () => void this.newTodoListeners.delete(listener);
  }
}
