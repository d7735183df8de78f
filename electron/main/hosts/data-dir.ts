/**
 * Where the desktop app keeps its state (Electron's userData for our productName), so the
 * CLI and the browser host work on the same done marks unless told otherwise.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = '友米待办';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.YOUMI_DATA_DIR) return env.YOUMI_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
