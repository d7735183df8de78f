import fs from 'node:fs';
import path from 'node:path';

/**
 * Renames `file` to `<name>.corrupt-<timestamp><ext>` next to it and returns the new path
 * (null when there is no file). Used by every KeyValueStore so a bad file is kept for
 * support instead of being overwritten by the fresh state.
 */
export function moveAside(file: string, now: number = Date.now()): string | null {
  if (!fs.existsSync(file)) return null;
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  // Colons are not allowed in Windows file names.
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let target = `${base}.corrupt-${stamp}${ext}`;
  for (let n = 1; fs.existsSync(target); n++) target = `${base}.corrupt-${stamp}-${n}${ext}`;
  fs.renameSync(file, target);
  return target;
}
