/**
 * The state files of the plain-Node hosts (CLI, browser host): the same document, journal
 * and cached lists the Electron shell keeps (its document through electron-store).
 */
import { createFileStore } from '../store/file-store';
import type { KeyValueStore } from '../service/ports';

export const createNodeStore = (dataDir: string): KeyValueStore => createFileStore({ dataDir });
