import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  PublicSettings,
  ReminderEvent,
  Snapshot,
  SnoozeChoice,
  TodoView,
  YoumiBridge,
} from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import { buildList, classify, groupKey, todoKey, type GroupId, type ListModel, type ListRow, type Override } from '../model/grouping';
import { toMs } from '../model/time';

export type View = 'list' | 'settings';

export type Notice = { seq: number } & (
  | { kind: 'failed'; error: AppError }
  | { kind: 'undone' | 'restored'; count: number }
  | { kind: 'snoozed'; count: number; choice: SnoozeChoice }
  | { kind: 'saved' }
);
type NoticeBody = Notice extends infer N ? (N extends unknown ? Omit<N, 'seq'> : never) : never;

export interface UndoState {
  ids: number[];
  seq: number;
}

export interface SnoozeMenuState {
  ids: number[];
  /** The row the menu is anchored to (and where focus returns). */
  anchorKey: string | null;
}

interface ConfirmedOverride extends Override {
  /** Set when the bridge call succeeded; a later snapshot that disagrees then wins. */
  confirmedAt?: number;
}

export interface AppState {
  snapshot: Snapshot | null;
  settings: PublicSettings | null;
  loadError: AppError | null;
  now: number;
  overrides: ReadonlyMap<number, ConfirmedOverride>;
  view: View;
  /** Why settings were opened: 'account' pre-selects 连接友米账号. */
  settingsIntent: 'account' | null;
  search: string;
  /** undefined = all levels, null = todos without a level. */
  level: string | null | undefined;
  collapsed: ReadonlySet<GroupId>;
  expanded: ReadonlySet<number>;
  activeKey: string | null;
  /** Bumped whenever DOM focus should move to the active row. */
  focusSeq: number;
  selected: ReadonlySet<number>;
  anchorId: number | null;
  snoozeMenu: SnoozeMenuState | null;
  undo: UndoState | null;
  notice: Notice | null;
  /**
   * Set on the first arrival of a very large snapshot: only the list's first rows are built
   * for the first paint; the rest follows in the next idle moment, or at once when needed.
   */
  listLimit: number | undefined;
  /** In-app reminders, newest first (at most MAX_REMINDERS; the window shows the newest and counts the rest). */
  reminders: readonly ReminderEvent[];
  pinned: boolean;
  undoMs: number;
  actions: Actions;
}

export interface Actions {
  start(): () => void;
  /** Fetches snapshot and settings again (after a failed first load). */
  reload(): void;
  applySnapshot(snapshot: Snapshot): void;
  /** Builds the whole list now (after a first paint of only its first rows). */
  completeList(): void;
  tick(now?: number): void;
  setSearch(search: string): void;
  setLevel(level: string | null | undefined): void;
  clearFilters(): void;
  toggleGroup(group: GroupId): void;
  toggleExpanded(id: number): void;
  setActive(key: string, focus?: boolean): void;
  move(delta: number): void;
  moveTo(where: 'first' | 'last'): void;
  toggleSelect(id: number, range?: boolean): void;
  clearSelection(): void;
  markDone(ids?: number[]): Promise<void>;
  undo(): Promise<void>;
  restore(id: number): Promise<void>;
  openSnooze(ids?: number[], anchorKey?: string | null): void;
  closeSnooze(): void;
  snooze(choice: SnoozeChoice): Promise<void>;
  refresh(): Promise<void>;
  resume(): Promise<void>;
  hide(): Promise<void>;
  escape(): void;
  focusTodo(id: number): void;
  openSettings(intent?: 'account' | null): void;
  closeSettings(): void;
  settingsSaved(settings: PublicSettings): void;
  useDemo(): Promise<void>;
  setPinned(pinned: boolean): Promise<void>;
  expireUndo(seq: number): void;
  dismissNotice(seq: number): void;
  dismissReminder(key: string): void;
}

export interface AppStoreOptions {
  /** How long the Undo toast stays (ms). */
  undoMs?: number;
}

export type AppStore = StoreApi<AppState>;

let listCache: { inputs: readonly unknown[]; model: ListModel } | null = null;

/** In-app reminders kept for the window's stack. */
export const MAX_REMINDERS = 50;

/** Above this many todos, the first paint builds only the first rows of the list. */
export const PROGRESSIVE_THRESHOLD = 2000;
export const FIRST_PAINT_ROWS = 60;

const whenIdle = (run: () => void): void => {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(run, { timeout: 200 });
  else setTimeout(run, 0);
};

/** The grouped, filtered rows; memoised on the state slices it reads. */
export function selectList(state: AppState): ListModel {
  const inputs = [state.snapshot, state.overrides, state.now, state.search, state.level, state.collapsed, state.listLimit];
  if (listCache && inputs.every((value, i) => value === listCache?.inputs[i])) return listCache.model;
  const model = buildList(state.snapshot?.todos ?? [], {
    now: state.now,
    overrides: state.overrides,
    search: state.search,
    level: state.level,
    collapsed: state.collapsed,
    limit: state.listLimit,
  });
  listCache = { inputs, model };
  return model;
}

/** The row that holds the roving focus: the active one if still listed, else the first todo. */
export function effectiveActiveKey(rows: readonly ListRow[], activeKey: string | null): string | null {
  if (activeKey && rows.some((row) => row.key === activeKey)) return activeKey;
  return (rows.find((row) => row.kind === 'todo') ?? rows[0])?.key ?? null;
}

/** Where focus goes when `removed` rows leave: the next todo row, else the previous one. */
export function successorKey(rows: readonly ListRow[], removed: ReadonlySet<number>, activeKey: string | null): string | null {
  const active = effectiveActiveKey(rows, activeKey);
  const activeRow = rows.find((row) => row.key === active);
  if (activeRow && !(activeRow.kind === 'todo' && removed.has(activeRow.id))) return active;
  let from = rows.findIndex((row) => row.kind === 'todo' && removed.has(row.id));
  if (activeRow) from = rows.indexOf(activeRow);
  const keep = (row: ListRow | undefined): boolean =>
    row !== undefined && row.kind === 'todo' && !removed.has(row.id) && row.group !== 'done';
  for (let i = from + 1; i < rows.length; i++) if (keep(rows[i])) return rows[i]?.key ?? null;
  for (let i = from - 1; i >= 0; i--) if (keep(rows[i])) return rows[i]?.key ?? null;
  return null;
}

function withOverrides(
  current: ReadonlyMap<number, ConfirmedOverride>,
  ids: readonly number[],
  value: ConfirmedOverride | null,
): Map<number, ConfirmedOverride> {
  const next = new Map(current);
  for (const id of ids) {
    if (value) next.set(id, value);
    else next.delete(id);
  }
  return next;
}

export function createAppStore(bridge: YoumiBridge, options: AppStoreOptions = {}): AppStore {
  let seq = 0;
  const nextSeq = (): number => ++seq;

  return createStore<AppState>()((set, get) => {
    /** The whole list: actions never work on a first-paint prefix. */
    const list = (): ListModel => {
      if (get().listLimit !== undefined) set({ listLimit: undefined });
      return selectList(get());
    };
    const notify = (body: NoticeBody): void => set({ notice: { ...body, seq: nextSeq() } as Notice });

    /** Selected todos, or else the active one; only those still open. */
    const targets = (explicit?: number[]): number[] => {
      const model = list();
      const state = get();
      let ids = explicit;
      if (!ids) {
        if (state.selected.size > 0) ids = [...state.selected];
        else {
          const key = effectiveActiveKey(model.rows, state.activeKey);
          const row = model.rows.find((r) => r.key === key);
          ids = row?.kind === 'todo' ? [row.id] : [];
        }
      }
      return ids.filter((id) => {
        const item = model.item(id);
        return item !== undefined && item.group !== 'done';
      });
    };

    /** Resolves an optimistic mark once the bridge answers. */
    const settle = (ids: number[], mark: ConfirmedOverride, ok: boolean): void => {
      const current = get().overrides;
      const next = new Map(current);
      for (const id of ids) {
        if (current.get(id) !== mark) continue;
        if (ok) next.set(id, { ...mark, confirmedAt: Date.now() });
        else next.delete(id);
      }
      set({ overrides: next });
    };

    const actions: Actions = {
      start() {
        const offSnapshot = bridge.onSnapshot((snapshot) => actions.applySnapshot(snapshot));
        const offReminder = bridge.onReminder((reminder) =>
          set((s) => ({ reminders: [reminder, ...s.reminders.filter((r) => r.key !== reminder.key)].slice(0, MAX_REMINDERS) })),
        );
        const offFocus = bridge.onFocusTodo((id) => actions.focusTodo(id));
        // The tray's 设置 item. Guarded: a host that predates it simply never calls it.
        const offSettings =
          typeof bridge.onOpenSettings === 'function' ? bridge.onOpenSettings(() => actions.openSettings()) : () => {};
        actions.reload();
        const timer = setInterval(() => actions.tick(), 30_000);
        return () => {
          offSnapshot();
          offReminder();
          offFocus();
          offSettings();
          clearInterval(timer);
        };
      },

      reload() {
        set({ loadError: null });
        void bridge.getSnapshot().then((result) => {
          if (result.ok) actions.applySnapshot(result.value);
          else set({ loadError: result.error });
        });
        void bridge.getSettings().then((result) => {
          if (result.ok) set({ settings: result.value });
          else set({ loadError: result.error });
        });
      },

      applySnapshot(snapshot) {
        const state = get();
        const previous = state.snapshot;
        if (previous && (toMs(snapshot.generatedAt) ?? 0) < (toMs(previous.generatedAt) ?? 0)) return;
        const generated = toMs(snapshot.generatedAt) ?? Date.now();
        // Only needed to reconcile optimistic marks and the selection: skip the 10,000-entry map otherwise.
        const byId =
          state.overrides.size > 0 || state.selected.size > 0 ? new Map(snapshot.todos.map((todo) => [todo.id, todo])) : new Map<number, TodoView>();
        const overrides = new Map<number, ConfirmedOverride>();
        for (const [id, mark] of state.overrides) {
          const todo = byId.get(id);
          if (!todo || todo.local.done === mark.done) continue;
          if (mark.confirmedAt !== undefined && generated > mark.confirmedAt) continue;
          overrides.set(id, mark);
        }
        const isOpen = (id: number): boolean => {
          const todo = byId.get(id);
          return todo !== undefined && !todo.closed && !(overrides.get(id)?.done ?? todo.local.done);
        };
        const selected = new Set([...state.selected].filter(isOpen));
        const progressive = previous === null && snapshot.todos.length > PROGRESSIVE_THRESHOLD;
        set({
          snapshot,
          overrides,
          now: Date.now(),
          loadError: null,
          selected: selected.size === state.selected.size ? state.selected : selected,
          ...(progressive ? { listLimit: FIRST_PAINT_ROWS } : {}),
        });
        if (progressive) whenIdle(() => actions.completeList());
      },

      completeList() {
        if (get().listLimit !== undefined) set({ listLimit: undefined });
      },

      tick(now = Date.now()) {
        set({ now });
      },

      setSearch(search) {
        set({ search });
      },
      setLevel(level) {
        set({ level });
      },
      clearFilters() {
        set({ search: '', level: undefined });
      },

      toggleGroup(group) {
        const state = get();
        const collapsed = new Set(state.collapsed);
        let activeKey = state.activeKey;
        if (collapsed.has(group)) collapsed.delete(group);
        else {
          collapsed.add(group);
          const activeRow = list().rows.find((row) => row.key === activeKey);
          if (activeRow?.kind === 'todo' && activeRow.group === group) activeKey = groupKey(group);
        }
        set({ collapsed, activeKey });
      },

      toggleExpanded(id) {
        const expanded = new Set(get().expanded);
        if (!expanded.delete(id)) expanded.add(id);
        set({ expanded });
      },

      setActive(key, focus = false) {
        set((s) => ({ activeKey: key, focusSeq: focus ? s.focusSeq + 1 : s.focusSeq }));
      },

      move(delta) {
        const { rows } = list();
        if (rows.length === 0) return;
        const current = rows.findIndex((row) => row.key === get().activeKey);
        const index =
          current < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + delta));
        const key = rows[index]?.key;
        if (key) actions.setActive(key, true);
      },

      moveTo(where) {
        const { rows } = list();
        const key = (where === 'first' ? rows[0] : rows[rows.length - 1])?.key;
        if (key) actions.setActive(key, true);
      },

      toggleSelect(id, range = false) {
        const state = get();
        const model = list();
        const item = model.item(id);
        if (!item || item.group === 'done') return;
        const selected = new Set(state.selected);
        if (range && state.anchorId !== null && state.anchorId !== id) {
          const keys = model.rows.map((row) => row.key);
          const a = keys.indexOf(todoKey(state.anchorId));
          const b = keys.indexOf(todoKey(id));
          if (a >= 0 && b >= 0) {
            for (const row of model.rows.slice(Math.min(a, b), Math.max(a, b) + 1)) {
              if (row.kind === 'todo' && row.group !== 'done') selected.add(row.id);
            }
            set({ selected });
            return;
          }
        }
        if (!selected.delete(id)) selected.add(id);
        set({ selected, anchorId: id });
      },

      clearSelection() {
        set({ selected: new Set(), anchorId: null });
      },

      async markDone(explicit) {
        const ids = targets(explicit);
        if (ids.length === 0) return;
        const state = get();
        const activeKey = successorKey(list().rows, new Set(ids), state.activeKey);
        const mark: ConfirmedOverride = { done: true, at: Date.now() };
        const undo = { ids, seq: nextSeq() };
        set((s) => ({
          overrides: withOverrides(s.overrides, ids, mark),
          undo,
          selected: new Set(),
          anchorId: null,
          snoozeMenu: null,
          activeKey: activeKey ?? s.activeKey,
          focusSeq: s.focusSeq + 1,
        }));
        const result = await bridge.markDone(ids);
        settle(ids, mark, result.ok);
        if (!result.ok) {
          if (get().undo === undo) set({ undo: null });
          notify({ kind: 'failed', error: result.error });
        }
      },

      async undo() {
        const undo = get().undo;
        if (!undo) return;
        const mark: ConfirmedOverride = { done: false, at: Date.now() };
        const first = undo.ids[0];
        set((s) => ({
          overrides: withOverrides(s.overrides, undo.ids, mark),
          undo: null,
          activeKey: first === undefined ? s.activeKey : todoKey(first),
          focusSeq: s.focusSeq + 1,
        }));
        notify({ kind: 'undone', count: undo.ids.length });
        const result = await bridge.undoDone(undo.ids);
        settle(undo.ids, mark, result.ok);
        if (!result.ok) notify({ kind: 'failed', error: result.error });
      },

      async restore(id) {
        const item = list().item(id);
        if (!item?.doneLocal) return;
        const mark: ConfirmedOverride = { done: false, at: Date.now() };
        set((s) => ({ overrides: withOverrides(s.overrides, [id], mark), activeKey: todoKey(id), focusSeq: s.focusSeq + 1 }));
        notify({ kind: 'restored', count: 1 });
        const result = await bridge.undoDone([id]);
        settle([id], mark, result.ok);
        if (!result.ok) notify({ kind: 'failed', error: result.error });
      },

      openSnooze(explicit, anchorKey) {
        const ids = targets(explicit);
        if (ids.length === 0) return;
        const state = get();
        set({ snoozeMenu: { ids, anchorKey: anchorKey ?? effectiveActiveKey(list().rows, state.activeKey) } });
      },

      closeSnooze() {
        set((s) => ({ snoozeMenu: null, focusSeq: s.focusSeq + 1 }));
      },

      async snooze(choice) {
        const menu = get().snoozeMenu;
        if (!menu) return;
        const ids = targets(menu.ids);
        const activeKey = successorKey(list().rows, new Set(ids), get().activeKey);
        set((s) => ({
          snoozeMenu: null,
          selected: new Set(),
          anchorId: null,
          activeKey: activeKey ?? s.activeKey,
          focusSeq: s.focusSeq + 1,
        }));
        if (ids.length === 0) return;
        const result = await bridge.snooze(ids, choice);
        if (result.ok) notify({ kind: 'snoozed', count: ids.length, choice });
        else notify({ kind: 'failed', error: result.error });
      },

      async refresh() {
        const result = await bridge.refresh();
        if (!result.ok) notify({ kind: 'failed', error: result.error });
      },

      async resume() {
        const result = await bridge.pause('off');
        if (!result.ok) notify({ kind: 'failed', error: result.error });
      },

      async hide() {
        await bridge.hideWindow();
      },

      escape() {
        const state = get();
        if (state.snoozeMenu) actions.closeSnooze();
        else if (state.search) set({ search: '' });
        else if (state.selected.size > 0) actions.clearSelection();
        else void actions.hide();
      },

      focusTodo(id) {
        const state = get();
        const todo = state.snapshot?.todos.find((t) => t.id === id);
        let { search, level } = state;
        if (search || level !== undefined) {
          const visible = list().item(id) !== undefined;
          if (!visible) {
            search = '';
            level = undefined;
          }
        }
        const collapsed = new Set(state.collapsed);
        const group = todo ? classify(todo, state.now, state.overrides.get(id))?.group : undefined;
        if (group) collapsed.delete(group);
        set((s) => ({
          view: 'list',
          search,
          level,
          collapsed: collapsed.size === s.collapsed.size ? s.collapsed : collapsed,
          activeKey: todoKey(id),
          focusSeq: s.focusSeq + 1,
          snoozeMenu: null,
        }));
      },

      openSettings(intent = null) {
        set({ view: 'settings', settingsIntent: intent, snoozeMenu: null });
      },

      closeSettings() {
        set((s) => ({ view: 'list', settingsIntent: null, focusSeq: s.focusSeq + 1 }));
      },

      settingsSaved(settings) {
        set((s) => ({ settings, view: 'list', settingsIntent: null, focusSeq: s.focusSeq + 1 }));
        notify({ kind: 'saved' });
      },

      async useDemo() {
        const result = await bridge.useDemo();
        if (!result.ok) {
          notify({ kind: 'failed', error: result.error });
          return;
        }
        const [settings, snapshot] = await Promise.all([bridge.getSettings(), bridge.getSnapshot()]);
        if (settings.ok) set({ settings: settings.value });
        if (snapshot.ok) actions.applySnapshot(snapshot.value);
      },

      async setPinned(pinned) {
        set({ pinned });
        const result = await bridge.setPinned(pinned);
        if (!result.ok) {
          set({ pinned: !pinned });
          notify({ kind: 'failed', error: result.error });
        }
      },

      expireUndo(undoSeq) {
        if (get().undo?.seq === undoSeq) set({ undo: null });
      },

      dismissNotice(noticeSeq) {
        if (get().notice?.seq === noticeSeq) set({ notice: null });
      },

      dismissReminder(key) {
        set((s) => ({ reminders: s.reminders.filter((r) => r.key !== key) }));
      },
    };

    return {
      snapshot: null,
      settings: null,
      loadError: null,
      now: Date.now(),
      overrides: new Map(),
      view: 'list',
      settingsIntent: null,
      search: '',
      level: undefined,
      collapsed: new Set(),
      expanded: new Set(),
      activeKey: null,
      focusSeq: 0,
      selected: new Set(),
      anchorId: null,
      snoozeMenu: null,
      undo: null,
      notice: null,
      reminders: [],
      listLimit: undefined,
      pinned: false,
      undoMs: options.undoMs ?? 5000,
      actions,
    };
  });
}
