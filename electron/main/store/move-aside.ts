import fs from 'node:fs';
import path from 'node:path';
import { StateFileError } from './state-file-error';

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

/**
 * The file at `file` could not be read as a state document: keep it aside and throw the
 * StateFileError that tells the service where it went (it then starts clean).
 */
export function unusableStateFile(file: string, cause: unknown, now: number): never {
  const detail = cause instanceof Error ? cause.message : String(cause);
  let movedTo: string | null;
  try {
    movedTo = moveAside(file, now);
  } catch (moveError) {
    throw new StateFileError(
      `the state file ${file} cannot be used (${detail}) and could not be moved aside (${String(moveError)})`,
      null,
    );
  }
  throw new StateFileError(`the state file could not be read (${detail}); moved to ${movedTo}`, movedTo);
}
