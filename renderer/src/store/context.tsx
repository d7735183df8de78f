import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { YoumiBridge } from '../../../shared/contract/types';
import type { Actions, AppState, AppStore } from './appStore';

const StoreContext = createContext<{ store: AppStore; bridge: YoumiBridge } | null>(null);

export function StoreProvider(props: { store: AppStore; bridge: YoumiBridge; children: ReactNode }) {
  const value = useMemo(() => ({ store: props.store, bridge: props.bridge }), [props.store, props.bridge]);
  return <StoreContext value={value}>{props.children}</StoreContext>;
}

function useCtx() {
  const ctx = useContext(StoreContext);
  if (!ctx) throw new Error('StoreProvider missing');
  return ctx;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useCtx().store, selector);
}

export function useActions(): Actions {
  return useStore(useCtx().store, (state) => state.actions);
}

/** For components that talk to the bridge directly (settings draft calls). */
export function useBridge(): YoumiBridge {
  return useCtx().bridge;
}

/** The raw store, for event handlers that read the latest state without subscribing. */
export function useStoreApi(): AppStore {
  return useCtx().store;
}
