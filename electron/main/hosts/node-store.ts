/**
 * The state file of the plain-Node hosts (CLI, browser host): the same document the
 * Electron shell keeps with electron-store.
 */
import { createFileStore } from '../store/file-store';
import type { KeyValueStore } from '../service/ports';

export const createNodeStore = (dataDir: string): KeyValueStore => createFileStore({ dataDir });
