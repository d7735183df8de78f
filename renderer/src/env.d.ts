/// <reference types="vite/client" />
import type { YoumiBridge } from '../../shared/contract/types';

declare global {
  interface Window {
    /**
     * The only thing the renderer may use: exposed by the Electron preload (contextBridge)
     * or by the browser host's script. Missing when the page is opened outside a host.
     */
    readonly youmi?: YoumiBridge;
  }
}
