/**
 * The desktop's second way to connect (通过团队服务器): todos come from the team relay,
 * pushed over its stream; marks are shared through it. The device token is sealed with
 * the host's vault (safeStorage in Electron) in relay-device.json in the data dir; an
 * enrolment code is exchanged for it once.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AuthError } from '../api/errors';
import type { SecretVault } from '../app/types';
import type { TodoSource } from '../service/ports';
import type { TodoService } from '../service/todo-service';
import { followStream, type Follower } from './follow';
import { enrolDevice, relayLink, type RelayLink } from './link';
import { MarkShare } from './mark-share';
import { MarkOutbox } from './outbox';
import { relayTodoSource } from './relay-source';

export interface TeamRelaySettings {
  url: string;
  /** One-time enrolment code; needed only until the device has its token. */
  code?: string;
  /** Device name shown to the admin; default the host name. */
  device?: string;
}

interface DeviceFile {
  url: string;
  staff: string;
  deviceId: number;
  tokenSealed: string;
  /** False once the user went back to connecting directly (the token is kept for a return). */
  active?: boolean;
}

const deviceFile = (dataDir: string): string => join(dataDir, 'relay-device.json');

function readDevice(dataDir: string): DeviceFile | null {
  try {
    return existsSync(deviceFile(dataDir)) ? (JSON.parse(readFileSync(deviceFile(dataDir), 'utf8')) as DeviceFile) : null;
  } catch {
    return null; // unreadable: the device signs in again with a new code
  }
}

function writeDevice(dataDir: string, d: DeviceFile): void {
  writeFileSync(deviceFile(dataDir), JSON.stringify(d, null, 2), { mode: 0o600 });
}

/** The relay this machine was last connected through, if the user has not left it. */
export function savedTeamRelay(dataDir: string): TeamRelaySettings | null {
  const d = readDevice(dataDir);
  return d && d.active !== false ? { url: d.url } : null;
}

/** Remembers that the user went back to connecting directly. */
export function leaveTeamRelay(dataDir: string): void {
  const d = readDevice(dataDir);
  if (d) writeDevice(dataDir, { ...d, active: false });
}

export interface TeamConnection {
  source: TodoSource;
  staff: string;
  scope: string;
  link: RelayLink;
  /** Starts following the stream and sharing marks for `service`. */
  attach(service: Pick<TodoService, 'markDone' | 'undoDone' | 'snooze' | 'syncNow' | 'on' | 'snapshot'>): void;
  /** Sends pending marks (best effort) and stops following. */
  close(): Promise<void>;
}

const sameUrl = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

export async function openTeamConnection(
  s: TeamRelaySettings,
  deps: { dataDir: string; vault: SecretVault; log: (line: string) => void },
): Promise<TeamConnection> {
  const saved = readDevice(deps.dataDir);
  let device: DeviceFile | null = saved && sameUrl(saved.url, s.url) ? saved : null;
  if (s.code?.trim()) {
    try {
      const got = await enrolDevice(s.url, s.code.trim(), s.device ?? hostname());
      device = { url: s.url, staff: got.staff, deviceId: got.deviceId, tokenSealed: deps.vault.seal(got.token) };
      deps.log(`team server: this device (#${got.deviceId}) is signed in as ${got.staff}`);
    } catch (e) {
      // A code is used once; a script that passes it on every run goes on with the token it got.
      if (!(e instanceof AuthError) || !device) throw e;
      deps.log(`team server: ${e.message}; keeping this device's sign-in`);
    }
  }
  if (device) writeDevice(deps.dataDir, { ...device, active: true });
  if (!device) throw new AuthError(`team server ${s.url}: this device is not signed in; ask your admin for an enrolment code (--relay-code)`);
  const link = relayLink(s.url, deps.vault.open(device.tokenSealed));
  const outbox = new MarkOutbox(deps.dataDir, link, deps.log);
  let follower: Follower | null = null;
  const offs: (() => void)[] = [];
  return {
    source: relayTodoSource(link),
    staff: device.staff,
    scope: `relay:${s.url.replace(/\/+$/, '')}|${device.staff}`,
    link,
    attach(service) {
      const share = new MarkShare(service, outbox);
      share.onSnapshot(service.snapshot()); // the baseline: what this machine already knew
      offs.push(service.on('snapshot', (snap) => share.onSnapshot(snap)));
      let syncQueued = false;
      // A burst of events (one poll's changes) costs one fetch of the list.
      const syncSoon = (): void => {
        if (syncQueued) return;
        syncQueued = true;
        setTimeout(() => {
          syncQueued = false;
          void service.syncNow();
        }, 20);
      };
      follower = followStream(
        link,
        (m) => {
          if (m.type === 'snapshot') {
            for (const mark of m.marks) share.onRemote(mark);
            void outbox.flush();
            syncSoon();
          } else if (m.type === 'resumed') void outbox.flush();
          else if (m.type === 'mark') share.onRemote(m.mark);
          else if (m.type === 'todo' || m.type === 'remove') syncSoon();
        },
        { log: deps.log },
      );
    },
    async close() {
      for (const off of offs.splice(0)) off();
      await outbox.flush();
      await follower?.stop();
    },
  };
}
