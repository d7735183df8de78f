import { useEffect } from 'react';
import { useActions, useBridge, useStoreApi } from '../store/context';
import { useActOps } from './useAct';

/** The tray's 新建待办: the list with the 新建待办 dialog open, as the N key does. */
export function useTrayNewTodo(): void {
  const bridge = useBridge();
  const app = useStoreApi();
  const actions = useActions();
  const ops = useActOps();
  useEffect(() => {
    // Guarded: the browser host has no tray, and a host that predates the item never calls it.
    if (typeof bridge.onNewTodo !== 'function') return;
    return bridge.onNewTodo(() => {
      if (app.getState().view === 'settings') actions.closeSettings();
      ops.open({ kind: 'new' });
    });
  }, [bridge, app, actions, ops]);
}
