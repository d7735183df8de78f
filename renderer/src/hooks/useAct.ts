import { useMemo } from 'react';
import { useStore } from 'zustand';
import { actOps, actStoreFor, type ActOps, type ActState } from '../store/actStore';
import { useBridge, useStoreApi } from '../store/context';

export function useActState<T>(selector: (s: ActState) => T): T {
  return useStore(actStoreFor(useBridge()), selector);
}

export function useActOps(): ActOps {
  const bridge = useBridge();
  const app = useStoreApi();
  return useMemo(() => actOps(bridge, app, actStoreFor(bridge)), [bridge, app]);
}
