import { useEffect } from 'react';
import { actOps, actStoreFor } from '../store/actStore';
import { effectiveActiveKey, selectList } from '../store/appStore';
import { useBridge, useStoreApi } from '../store/context';

const TEXT_INPUTS = new Set(['text', 'search', 'password', 'number', 'email', 'url', 'tel', 'datetime-local', 'date', 'time']);

export function isEditable(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && TEXT_INPUTS.has((el as HTMLInputElement).type);
}

function isControl(el: Element | null): boolean {
  return el instanceof HTMLElement && ['BUTTON', 'INPUT', 'SELECT', 'A', 'TEXTAREA'].includes(el.tagName);
}

export const SEARCH_INPUT_ID = 'todo-search';

/**
 * The triage shortcuts, on the window so they work wherever focus is (a virtualised row
 * that scrolled away takes DOM focus with it). Text fields keep their keys.
 */
export function useKeyboard(): void {
  const store = useStoreApi();
  const bridge = useBridge();
  useEffect(() => {
    const act = actStoreFor(bridge);
    const ops = actOps(bridge, store, act);
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      const state = store.getState();
      const { actions } = state;
      const target = document.activeElement;

      if (state.view === 'settings') {
        if (e.key === 'Escape') {
          e.preventDefault();
          actions.closeSettings();
        }
        return;
      }
      if (state.settings?.mode === 'unset') {
        if (e.key === 'Escape') void actions.hide();
        return;
      }
      if (state.snoozeMenu) return; // the menu handles its own keys
      if (act.getState().dialog) {
        // The act dialogs handle their own keys; Escape closes one from anywhere.
        if (e.key === 'Escape' && !isEditable(target)) {
          e.preventDefault();
          ops.close();
        }
        return;
      }

      const model = selectList(state);
      const activeKey = effectiveActiveKey(model.rows, state.activeKey);
      const activeRow = model.rows.find((row) => row.key === activeKey);

      if (isEditable(target)) {
        if (e.key === 'Escape') {
          e.preventDefault();
          if (activeKey) actions.setActive(activeKey, true);
          else (target as HTMLElement).blur();
        }
        return;
      }

      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const inControl = isControl(target);
      switch (key) {
        case 'ArrowDown':
        case 'j':
          actions.move(1);
          break;
        case 'ArrowUp':
        case 'k':
          actions.move(-1);
          break;
        case 'Home':
          actions.moveTo('first');
          break;
        case 'End':
          actions.moveTo('last');
          break;
        case 'ArrowLeft':
        case 'ArrowRight': {
          if (!activeRow) return;
          const wantOpen = key === 'ArrowRight';
          if (activeRow.kind === 'group') {
            if (activeRow.collapsed === wantOpen) actions.toggleGroup(activeRow.group);
          } else if (!wantOpen) {
            actions.setActive(`g:${activeRow.group}`, true);
          }
          break;
        }
        case 'Enter':
          if (inControl || !activeRow) return;
          if (activeRow.kind === 'group') actions.toggleGroup(activeRow.group);
          else actions.toggleExpanded(activeRow.id);
          break;
        case ' ':
        case 'x':
          if (key === ' ' && inControl) return;
          if (activeRow?.kind === 'todo') actions.toggleSelect(activeRow.id, e.shiftKey);
          break;
        case 'd':
          void actions.markDone();
          break;
        case 's':
          actions.openSnooze();
          break;
        case 'z':
          void actions.undo();
          break;
        case 'r':
          void actions.refresh();
          break;
        case '/':
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          break;
        // Acting on the active todo (issue 9): O 去跟进, F 再跟进, T 转交, C copy the WeChat id.
        case 'o':
        case 'f':
        case 't':
        case 'c': {
          if (activeRow?.kind !== 'todo') return;
          const todo = state.snapshot?.todos.find((x) => x.id === activeRow.id);
          if (!todo) return;
          const open = activeRow.group !== 'done';
          if (key === 'o' && todo.customer) void ops.openConversation(todo.id);
          else if (key === 'f' && open && todo.customer && todo.account.id !== null) ops.open({ kind: 'followup', todoId: todo.id });
          else if (key === 't' && open && todo.account.id !== null) ops.open({ kind: 'handoff', todoId: todo.id });
          else if (key === 'c' && todo.customer) void ops.copyCustomer(todo.id);
          else return;
          break;
        }
        case 'n':
          ops.open({ kind: 'new' });
          break;
        case 'h':
          ops.open({ kind: 'history' });
          break;
        case 'Escape':
          actions.escape();
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, bridge]);
}
