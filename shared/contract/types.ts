import type { AppError, Result } from '../errors';
import type { ClosedReason, LocalMark, Todo } from '../todo';

/** A todo as the window sees it: server data plus what this machine knows. */
export interface TodoView extends Todo {
  local: LocalMark;
  /** Set when the server handled/cancelled it, or it left the open list (confirmed). */
  closed: { reason: ClosedReason; at: string } | null;
  /** The next time a reminder will fire for it (after snooze, pause, quiet hours), or null. */
  nextReminderAt: string | null;
}

export type SyncState = 'ok' | 'syncing' | 'offline' | 'auth-failed' | 'config-missing' | 'error';

export interface SyncStatus {
  state: SyncState;
  lastSuccessAt: string | null;
  lastError: AppError | null;
  nextSyncAt: string | null;
}

export interface ReminderStatus {
  pausedUntil: string | null;
  quietNow: boolean;
}

export interface Snapshot {
  todos: TodoView[];
  status: SyncStatus;
  reminders: ReminderStatus;
  /** True while the in-process simulator with demo data stands in for a real account. */
  demo: boolean;
  /** The configured staff code (工号), or null. */
  staff: string | null;
  /**
   * Set when the state file could not be used at start (moved aside and kept, the app
   * started clean) or the last save failed: the window says so, with where the old file is.
   */
  storageProblem?: { detail: string; movedTo: string | null } | null;
  /** A problem of the desktop itself, set by the Electron shell: the window says how to fix it. */
  hostProblem?: HostProblem | null;
  generatedAt: string;
  /** Customer and staff names known so far (issue 9); absent = none known. */
  names?: PeopleNames;
  /** Todos created here that the next sync has not brought back yet. */
  pending?: PendingTodo[];
  /** todo id → the colleague it was handed to (shows as "转交给 张三" in the done group). */
  handoffs?: Record<number, { code: string; name: string | null }>;
}

/**
 * notifications-failed: the OS refused to show a notification (macOS: not allowed in System
 * Settings, or an unsigned build; Windows: notifications off). no-tray: the desktop has no
 * tray (stock GNOME without the AppIndicator extension), so the app lives in a window.
 */
export interface HostProblem {
  kind: 'notifications-failed' | 'no-tray';
  platform: 'darwin' | 'win32' | 'linux' | 'other';
}

export type Language = 'system' | 'zh-CN' | 'en';
export type Theme = 'system' | 'light' | 'dark';

export interface QuietHours {
  enabled: boolean;
  /** "HH:mm", local time. */
  start: string;
  end: string;
}

/** Settings the renderer may read. The client secret never appears: only whether it is set. */
export interface PublicSettings {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecretSet: boolean;
  /**
   * How the secret is kept: OS keychain encryption (the desktop app), the desktop app on
   * Linux without a keyring, or base64 in the owner-only (0600) state file (the browser
   * host and the CLI, which never use a keyring).
   */
  secretStorage: 'encrypted' | 'plain-no-keyring' | 'plain-file' | 'none';
  tenantId: string;
  staffCode: string;
  pollIntervalSec: number;
  repeatIntervalMin: number;
  quietHours: QuietHours;
  launchAtLogin: boolean;
  sound: boolean;
  language: Language;
  theme: Theme;
  /** 'unset' until the user picks 连接友米 or 试用演示数据 on first run. */
  mode: 'unset' | 'demo' | 'account';
  /** Set while connected through the team relay (通过团队服务器): its address and the signed-in staff code. */
  relay?: { url: string; staff: string } | null;
}

export type SettingsPatch = Partial<Omit<PublicSettings, 'clientSecretSet' | 'secretStorage' | 'relay'>> & {
  /** Write-only. An empty string clears the stored secret. */
  clientSecret?: string;
};

/** '10m', '1h', 'tomorrow' (09:00 local) or an ISO 8601 time. */
export type SnoozeChoice = '10m' | '1h' | 'tomorrow' | (string & {});
/** '30m', '1h', 'tomorrow' (09:00 local), an ISO 8601 time, or 'off' to resume. */
export type PauseChoice = '30m' | '1h' | 'tomorrow' | 'off' | (string & {});

export type DoctorStepName = 'config' | 'token' | 'count' | 'staff';
export interface DoctorStep {
  step: DoctorStepName;
  ok: boolean;
  /** e.g. "12 open todos", "b08 = 张三" (English, for logs and the CLI). */
  detail: string;
  /** The values in `detail`, so the window can say it in the user's language. */
  facts?: Record<string, string | number | boolean>;
  error: AppError | null;
}
export interface DoctorReport {
  ok: boolean;
  steps: DoctorStep[];
}

export interface StaffMember {
  code: string;
  name: string;
  depart: string | null;
}

/** A reminder as raised by the service; the hosts turn it into a native/browser notification. */
export interface ReminderEvent {
  /** Unique per occurrence: `${todoId}@${dueAt}`, or `summary@${time}`. */
  key: string;
  kind: 'single' | 'summary';
  todoIds: number[];
  title: string;
  body: string;
  repeats: boolean;
  /** Which todo a click opens the window on (the first for a summary). */
  openTodoId: number | null;
  at: string;
}

/** Everything `window.youmi` offers. Methods never throw: failures come back as Result errors. */
export interface YoumiBridge {
  getSnapshot(): Promise<Result<Snapshot>>;
  markDone(ids: number[]): Promise<Result<null>>;
  undoDone(ids: number[]): Promise<Result<null>>;
  snooze(ids: number[], choice: SnoozeChoice): Promise<Result<null>>;
  refresh(): Promise<Result<null>>;
  pause(choice: PauseChoice): Promise<Result<null>>;
  getSettings(): Promise<Result<PublicSettings>>;
  saveSettings(patch: SettingsPatch): Promise<Result<PublicSettings>>;
  /** Runs the doctor's steps against the saved settings overlaid with `draft`. */
  testConnection(draft: SettingsPatch): Promise<Result<DoctorReport>>;
  listStaff(draft: SettingsPatch): Promise<Result<StaffMember[]>>;
  useDemo(): Promise<Result<null>>;
  /**
   * 通过团队服务器: connect through the team relay at `url`, signing this device in with the
   * one-time enrolment `code` (not needed once signed in). `url` '' leaves the relay.
   */
  useRelay(url: string, code: string): Promise<Result<PublicSettings>>;
  hideWindow(): Promise<Result<null>>;
  setPinned(pinned: boolean): Promise<Result<null>>;
  /** 去跟进: switch my 企客聊 session to this todo's customer. Never marks the todo done. */
  openConversation(todoId: number): Promise<Result<ActivationResult>>;
  /** 再跟进…: a new todo for me about the same customer (AddRecordNew). */
  followUp(todoId: number, draft: TodoDraft): Promise<Result<{ id: number }>>;
  /** 新建待办 for any customer. */
  createTodo(draft: TodoDraft): Promise<Result<{ id: number }>>;
  /** 转交给…: the todo for a colleague, with a note; mine is marked done. */
  handOff(todoId: number, staffCode: string, note: string): Promise<Result<{ id: number }>>;
  /** What I did here in the last 30 days, newest first. */
  getHistory(): Promise<Result<HistoryEntry[]>>;
  /** Colleagues to hand a todo to (cached staff list). */
  listColleagues(): Promise<Result<StaffMember[]>>;
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
  onReminder(listener: (reminder: ReminderEvent) => void): () => void;
  onFocusTodo(listener: (todoId: number) => void): () => void;
  /** The tray's 设置 item: show the settings page. */
  onOpenSettings(listener: () => void): () => void;
  /** The tray's 新建待办 item: show the 新建待办 dialog. */
  onNewTodo(listener: () => void): () => void;
}

/** The bridge's event subscriptions (main → renderer pushes); everything else is a method. */
export type BridgeEvent = 'onSnapshot' | 'onReminder' | 'onFocusTodo' | 'onOpenSettings' | 'onNewTodo';
export type BridgeMethod = Exclude<keyof YoumiBridge, BridgeEvent>;
export type BridgeArgs<M extends BridgeMethod> = Parameters<YoumiBridge[M]>;
export type BridgeReturn<M extends BridgeMethod> = Awaited<ReturnType<YoumiBridge[M]>>;
/** What a method's Result carries when it succeeds. */
export type BridgeValue<M extends BridgeMethod> = BridgeReturn<M> extends Result<infer T> ? T : never;

// ---- Acting on a todo (issue 9) -------------------------------------------------------

/** Who a customer is, as GetFansList told us (cached on this machine for a day). */
export interface CustomerInfo {
  /** The customer's original WeChat id (the todo's `customer`). */
  wxid: string;
  nick: string | null;
  remark: string | null;
  /** The customer's own WeChat number (alias), when the API gave one. */
  wechatNo: string | null;
}

/** Names the window shows instead of bare ids. Keys: `${accountId}|${wxid}` and staff codes. */
export interface PeopleNames {
  customers: Record<string, CustomerInfo>;
  staff: Record<string, { name: string; depart: string | null }>;
}

/** A todo this machine created that the next sync has not brought back yet. */
export interface PendingTodo {
  /** The id AddRecordNew returned. */
  id: number;
  title: string;
  customer: string;
  accountId: number;
  remindAt: string;
  recipients: string[];
  createdAt: string;
}

export type HistoryKind = 'done' | 'handoff' | 'followup' | 'created';

/** One thing the user did on this machine (kept 30 days). */
export interface HistoryEntry {
  /** Unique per entry. */
  key: string;
  kind: HistoryKind;
  at: string;
  todoId: number;
  title: string;
  customer: string | null;
  /** handoff: the colleague's code and name. */
  to?: { code: string; name: string | null };
  /** followup/created/handoff: the id AddRecordNew returned. */
  newTodoId?: number | null;
  /** handoff note, follow-up remind time… */
  note?: string | null;
  /** done/handoff: the done mark can still be taken back. */
  undoable: boolean;
}

/** What the user fills in for 再跟进… / 新建待办 / 转交给…. */
export interface TodoDraft {
  customer: string;
  accountId: number;
  /** The operating account kind code (From): 0 WeChat, 1 official, 2 mini-program, 3 WeCom. */
  accountKind: 0 | 1 | 2 | 3;
  title: string;
  content: string;
  /** ISO 8601 with offset, not in the past; or a snooze preset '10m' | '1h' | 'tomorrow'. */
  remindAt: string;
  isAlways: boolean;
  levelName?: string;
  levelColor?: string;
}

/** What 去跟进 reports: the server accepted the switch; `message` is its errdesc when it sent one. */
export interface ActivationResult {
  message: string | null;
}
