/**
 * The state as a fresh process would load it from a data dir: the document, the cached
 * lists and the journal replayed onto them (what LocalState does at start), without
 * writing anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StateJournal } from '../../../electron/main/service/state-journal';
import { loadStateDoc, type StateDoc } from '../../../electron/main/service/state-schema';
import { createFileStore } from '../../../electron/main/store/file-store';

export function stateOnDisk(dir: string): StateDoc {
  const file = path.join(dir, 'state.json');
  const raw = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as unknown) : undefined;
  const loaded = loadStateDoc(raw, new Date().toISOString());
  if (!loaded.ok) throw new Error(loaded.reason);
  new StateJournal(createFileStore({ dataDir: dir }), () => {}, Date.now).load(loaded.doc);
  return loaded.doc;
}

/** The document file alone, as JSON. */
export const documentOnDisk = (dir: string): StateDoc =>
  JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as StateDoc;
