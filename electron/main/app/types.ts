/**
 * What a host (Electron shell, CLI, browser host) hands the app, and what it gets back.
 * The app composes settings, the API client (or the in-process demo simulator) and the
 * todo service; hosts only adapt it to their surface.
 */
import type { Result } from '../../../shared/errors';
import type { BridgeMethod, PeopleNames, PublicSettings, ReminderEvent, Snapshot, YoumiBridge } from '../../../shared/contract/types';
import type { Clock, KeyValueStore, Notifier } from '../service/ports';
import type { TeamRelaySettings } from '../relay-link/team-connection';

/** Seals the client secret at rest. Electron: safeStorage; plain Node: marked unencrypted. */
export interface SecretVault {
  readonly storage: 'encrypted' | 'plain-no-keyring' | 'plain-file';
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Things only the host can do, reached from the renderer through the same bridge. */
export interface HostMethods {
  hideWindow(): void;
  setPinned(pinned: boolean): void;
  /**
   * Not reachable from the renderer: nothing in the window opens links, so the bridge has
   * no openExternal (a compromised page could not use it to launch URLs). Kept for hosts.
   */
  openExternal?(url: string): Promise<void>;
  /** Called after settings are saved, so the host can apply launch-at-login, theme… */
  applySettings?(settings: PublicSettings): void;
}

export interface AppOptions {
  /** Where the state file lives. */
  dataDir: string;
  store: KeyValueStore;
  vault: SecretVault;
  notifier: Notifier;
  host: HostMethods;
  log: (line: string) => void;
  clock?: Clock;
  /** Overrides from flags or environment (CLI); they win over the saved settings. */
  overrides?: Partial<PublicSettings> & { clientSecret?: string };
  /** The OS locales, most preferred first, for language "system". Default: the process's. */
  locales?: () => readonly string[];
  /** Allow the in-process demo simulator when no account is configured. Default true. */
  allowDemo?: boolean;
  /** Connect through the team relay (relay/) instead of the account: its URL and, once, an enrolment code. */
  relay?: TeamRelaySettings;
}

export interface YoumiApp {
  /** Validates `args` against the contract, then runs the bridge method. Never throws. */
  dispatch(method: string, args: unknown): Promise<Result<unknown>>;
  /** The same, for callers inside main (tray, notification actions): typed by the contract. */
  call<M extends BridgeMethod>(method: M, ...args: Parameters<YoumiBridge[M]>): Promise<Result<unknown>>;
  snapshot(): Snapshot;
  /** The title of one todo (open or closed), looked up without building a snapshot. */
  todoTitle(id: number): string | undefined;
  /** Whether one todo is due now (as the snapshot would say), looked up without building a snapshot. */
  todoDue(id: number): boolean;
  settings(): PublicSettings;
  onSnapshot(listener: (s: Snapshot) => void): () => void;
  onReminder(listener: (r: ReminderEvent) => void): () => void;
  /** The locales behind language "system" changed (the browser host met its page): reminders follow them. */
  localesChanged(): void;
  /** Resume from sleep, unlocked screen, network back: sync now and re-check every deadline. */
  wake(reason: 'resume' | 'unlock' | 'online' | 'clock-change'): void;
  /** The in-process simulator while in demo mode (for the browser host's banner and tests). */
  /** adminUrl: the admin API under this process's random secret path (null: not served). */
  demoInfo(): { url: string; staff: string; adminUrl: string | null } | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The names of these todos' customers and staff, waiting for the lookups still due (CLI). */
  lookupNames(todos: readonly { customer: string | null; account: { id: number | null } }[]): Promise<PeopleNames>;
}
