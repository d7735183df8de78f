/**
 * The window's side of acting on a todo (issue 9): which dialog is open (再跟进, 新建待办,
 * 转交给, 历史, "mark the original done?") and the last result line. A store of its own
 * next to the app store, one per bridge, so the triage store stays as it was.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HistoryEntry, Snapshot, TodoDraft, TodoView, YoumiBridge } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import type { AppStore } from './appStore';

export type ActDialog =
  | { kind: 'followup'; todoId: number }
  | { kind: 'handoff'; todoId: number }
  | { kind: 'new' }
  | { kind: 'history' }
  | { kind: 'markOriginal'; todoId: number; newId: number };

export type ActMessage = { seq: number } & (
  | { kind: 'opened'; name: string; message: string | null }
  | { kind: 'copied'; id: string }
  | { kind: 'copyFailed' }
  | { kind: 'created'; id: number }
  | { kind: 'handedOff'; name: string }
  | { kind: 'failed'; error: AppError }
);
type MessageBody = ActMessage extends infer M ? (M extends unknown ? Omit<M, 'seq'> : never) : never;

export interface ActState {
  dialog: ActDialog | null;
  message: ActMessage | null;
  /** Set while a dialog's request is on its way (its submit button is disabled). */
  busy: boolean;
  /** The dialog's error, shown on the form rather than as a toast. */
  formError: AppError | null;
  history: HistoryEntry[] | null;
}

export type ActStore = StoreApi<ActState>;

const stores = new WeakMap<YoumiBridge, ActStore>();

export function actStoreFor(bridge: YoumiBridge): ActStore {
  let s = stores.get(bridge);
  if (!s) {
    s = createStore<ActState>()(() => ({ dialog: null, message: null, busy: false, formError: null, history: null }));
    stores.set(bridge, s);
  }
  return s;
}

export const customerKey = (todo: Pick<TodoView, 'customer' | 'account'>): string => `${todo.account.id ?? 0}|${todo.customer ?? ''}`;

/** Nickname or remark first (remark wins: the staff chose it), or null when unknown. */
export function customerName(snapshot: Snapshot | null, todo: Pick<TodoView, 'customer' | 'account'>): string | null {
  if (!todo.customer) return null;
  const info = snapshot?.names?.customers[customerKey(todo)];
  return info ? info.remark || info.nick || null : null;
}

/** "王经理 · b03", or the bare code when the staff list does not know it. */
export function staffLabel(snapshot: Snapshot | null, code: string): string {
  const name = snapshot?.names?.staff[code]?.name;
  return name ? `${name} · ${code}` : code;
}

let seq = 0;

/** The operations the row, the keyboard and the dialogs share. */
export function actOps(bridge: YoumiBridge, app: AppStore, act: ActStore) {
  const say = (body: MessageBody): void => act.setState({ message: { ...body, seq: ++seq } as ActMessage });
  const todo = (id: number): TodoView | undefined => app.getState().snapshot?.todos.find((t) => t.id === id);

  return {
    say,
    dismiss: (s: number) => {
      if (act.getState().message?.seq === s) act.setState({ message: null });
    },
    open: (dialog: ActDialog) => act.setState({ dialog, formError: null, busy: false }),
    close: () => act.setState({ dialog: null, formError: null, busy: false }),

    async openConversation(id: number): Promise<void> {
      const t = todo(id);
      const r = await bridge.openConversation(id);
      if (!r.ok) return say({ kind: 'failed', error: r.error });
      const name = (t && customerName(app.getState().snapshot, t)) ?? t?.customer ?? `#${id}`;
      say({ kind: 'opened', name, message: r.value.message });
    },

    async copyCustomer(id: number): Promise<void> {
      const wxid = todo(id)?.customer;
      if (!wxid) return;
      try {
        await navigator.clipboard.writeText(wxid);
        say({ kind: 'copied', id: wxid });
      } catch {
        say({ kind: 'copyFailed' });
      }
    },

    async submit(draft: TodoDraft, handTo?: { code: string; name: string; note: string }): Promise<void> {
      const dialog = act.getState().dialog;
      if (!dialog) return;
      act.setState({ busy: true, formError: null });
      let r;
      if (dialog.kind === 'handoff' && handTo) r = await bridge.handOff(dialog.todoId, handTo.code, handTo.note);
      else if (dialog.kind === 'followup') r = await bridge.followUp(dialog.todoId, draft);
      else r = await bridge.createTodo(draft);
      if (!r.ok) {
        act.setState({ busy: false, formError: r.error });
        return;
      }
      if (dialog.kind === 'handoff' && handTo) {
        act.setState({ dialog: null, busy: false });
        say({ kind: 'handedOff', name: handTo.name });
      } else if (dialog.kind === 'followup') {
        // The follow-up never closes the original by itself: the user is asked.
        act.setState({ dialog: { kind: 'markOriginal', todoId: dialog.todoId, newId: r.value.id }, busy: false });
        say({ kind: 'created', id: r.value.id });
      } else {
        act.setState({ dialog: null, busy: false });
        say({ kind: 'created', id: r.value.id });
      }
    },

    async loadHistory(): Promise<void> {
      const r = await bridge.getHistory();
      if (r.ok) act.setState({ history: r.value });
      else say({ kind: 'failed', error: r.error });
    },

    async undoHistory(entry: HistoryEntry): Promise<void> {
      const r = await bridge.undoDone([entry.todoId]);
      if (!r.ok) return say({ kind: 'failed', error: r.error });
      const h = await bridge.getHistory();
      if (h.ok) act.setState({ history: h.value });
    },
  };
}

export type ActOps = ReturnType<typeof actOps>;
