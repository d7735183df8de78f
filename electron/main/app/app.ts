/**
 * The app every host runs: settings, the connection (account, demo or none) and the todo
 * service, behind the bridge handlers that the renderer reaches through `dispatch`.
 */
import type { PublicSettings, SettingsPatch, Snapshot } from '../../../shared/contract/types';
import { fail, ok, type Result } from '../../../shared/errors';
import { effectiveLanguage } from '../../../shared/language';
import { runDoctor } from '../api/doctor';
import { createYoumiClient } from '../api/client';
import { toAppError } from '../api/errors';
import { LocalState } from '../service/local-state';
import { StateWriteError } from '../store/state-file-error';
import { systemLocales } from './locale';
import { createSystemClock } from '../service/system-clock';
import { createTodoService, type ServiceSettings } from '../service/todo-service';
import { createActions } from './act';
import { draftConfig, openConnection, withPatch, type Connection } from './connection';
import { leaveTeamRelay, openTeamConnection, savedTeamRelay } from '../relay-link/team-connection';
import { dispatch, type BridgeHandlers } from './dispatch';
import { accountChanged, ACCOUNT_KEYS, loadSettings, toPublic, type StoredSettings } from './settings';
import type { AppOptions, YoumiApp } from './types';

const serviceSettings = (s: StoredSettings, locales: readonly string[]): ServiceSettings => ({
  pollIntervalSec: s.pollIntervalSec,
  repeatIntervalMin: s.repeatIntervalMin,
  quietHours: s.quietHours,
  language: effectiveLanguage(s.language, locales),
});

export async function createApp(o: AppOptions): Promise<YoumiApp> {
  const clock = o.clock ?? createSystemClock();
  const allowDemo = o.allowDemo ?? true;
  const { clientSecret: overrideSecret, ...overrideRest } = o.overrides ?? {};
  const state = LocalState.open({ store: o.store, clock, scope: '', log: o.log });
  const locales = o.locales ?? systemLocales;

  let stored = loadSettings(state.getSettings());
  /** Saved settings with the host's flags/environment on top; those are never saved. */
  const effective = (): StoredSettings => ({
    ...stored,
    ...overrideRest,
    quietHours: { ...stored.quietHours },
    clientSecretSealed: overrideSecret ? o.vault.seal(overrideSecret) : stored.clientSecretSealed,
  });

  // A saved account that cannot be opened (a secret sealed by another keychain) must not
  // keep the app from starting: it starts unconfigured and the window asks for the setting.
  // 通过团队服务器: the team relay is the source and the home of marks (relay-link/).
  // The host's --relay wins; otherwise the relay chosen in settings last time, if any.
  const teamSettings = o.relay ?? savedTeamRelay(o.dataDir);
  const teamDeps = { dataDir: o.dataDir, vault: o.vault, log: o.log };
  let team = teamSettings ? await openTeamConnection(teamSettings, teamDeps) : null;
  const teamConn: Connection | null = team ? { kind: 'none', client: null, staff: team.staff, scope: team.scope, demo: null } : null;
  let conn: Connection = teamConn ?? await openConnection(effective(), { ...o, clock, allowDemo, reuseDemo: null }).catch(
    (e: unknown): Connection => {
      o.log(`account: ${toAppError(e).detail}; starting without it`);
      return { kind: 'none', client: null, staff: null, scope: '', demo: null };
    },
  );
  // Issue 9: names, follow-ups, hand-offs and history, decorating what the service emits.
  const snapshotListeners = new Set<(s: Snapshot) => void>();
  const actions = createActions({
    dataDir: o.dataDir || null,
    clock,
    log: o.log,
    todo: (id) => service.todo(id),
    markDone: (ids) => service.markDone(ids),
    undoDone: (ids) => service.undoDone(ids),
    changed: () => {
      if (snapshotListeners.size === 0) return;
      const s = actions.decorate(service.snapshot());
      for (const l of snapshotListeners) l(s);
    },
  });
  actions.connect(conn);
  const service = createTodoService({
    clock,
    notifier: { notify: (r) => o.notifier.notify(actions.nameReminder(r)) },
    state,
    source: team?.source ?? conn.client,
    staff: conn.staff,
    scope: conn.scope,
    demo: conn.kind === 'demo',
    settings: serviceSettings(effective(), locales()),
    log: o.log,
  });
  team?.attach(service);

  /** Serialised so that two quick saves cannot leave two connections open. */
  let reconnecting: Promise<void> = Promise.resolve();
  const reconnect = (): Promise<void> => {
    // A failed reconnect is reported to its caller only: it must not poison the chain, or
    // every later save would fail with that old error until a restart.
    reconnecting = reconnecting.catch(() => {}).then(async () => {
      if (team) return; // the relay stays the source while the host asked for it
      const previous = conn;
      const keepDemo = previous.demo;
      const next = await openConnection(effective(), { ...o, clock, allowDemo, reuseDemo: keepDemo });
      conn = next;
      actions.connect(next);
      await service.setSource(next.client, next.staff, { scope: next.scope, demo: next.kind === 'demo' });
      await previous.client?.close();
      if (previous.demo && previous.demo !== next.demo) await previous.demo.close();
    });
    return reconnecting;
  };

  const publicSettings = (): PublicSettings => {
    const pub = toPublic(effective(), o.vault);
    // Through the team relay the app is connected as the relay's staff member.
    return team ? { ...pub, mode: 'account', staffCode: team.staff, relay: { url: team.link.url, staff: team.staff } } : { ...pub, relay: null };
  };

  /** 通过团队服务器 in settings: switch the service's source to the relay, or back ('' URL). */
  const useRelay = async (url: string, code: string): Promise<Result<PublicSettings>> => {
    try {
      await reconnecting.catch(() => {});
      const previous = team;
      if (!url) {
        if (!previous) return ok(publicSettings());
        team = null;
        leaveTeamRelay(o.dataDir);
        await previous.close();
        const next = await openConnection(effective(), { ...o, clock, allowDemo, reuseDemo: null });
        conn = next;
        actions.connect(next);
        await service.setSource(next.client, next.staff, { scope: next.scope, demo: next.kind === 'demo' });
        return ok(publicSettings());
      }
      const next = await openTeamConnection({ url, code }, teamDeps);
      team = next;
      await previous?.close();
      const before = conn;
      conn = { kind: 'none', client: null, staff: next.staff, scope: next.scope, demo: null };
      actions.connect(conn);
      await service.setSource(next.source, next.staff, { scope: next.scope });
      next.attach(service);
      await before.client?.close();
      await before.demo?.close();
      return ok(publicSettings());
    } catch (e) {
      return fail(toAppError(e));
    }
  };

  const saveSettings = async (patch: SettingsPatch): Promise<Result<PublicSettings>> => {
    const before = effective();
    let next = withPatch(stored, patch, o.vault);
    // Filling in an account means "use it", unless the user explicitly picked demo data.
    if (patch.mode === undefined && ACCOUNT_KEYS.some((k) => k in patch || (k === 'clientSecretSealed' && 'clientSecret' in patch))) {
      next = { ...next, mode: 'account' };
    }
    try {
      state.setSettings(next);
    } catch (e) {
      return fail(e instanceof StateWriteError ? e.toAppError() : toAppError(e));
    }
    stored = next;
    const after = effective();
    service.updateSettings(serviceSettings(after, locales()));
    if (accountChanged(before, after) || before.mode !== after.mode) await reconnect();
    const pub = publicSettings();
    o.host.applySettings?.(pub);
    return ok(pub);
  };

  const handlers: BridgeHandlers = {
    getSnapshot: async () => ok(actions.decorate(service.snapshot())),
    markDone: async (ids) => {
      const r = service.markDone(ids);
      if (r.ok) actions.doneRecorded(ids);
      return r;
    },
    undoDone: async (ids) => {
      const r = service.undoDone(ids);
      if (r.ok) actions.undone(ids);
      return r;
    },
    ...actions.handlers,
    snooze: async (ids, choice) => service.snooze(ids, choice),
    pause: async (choice) => service.pause(choice),
    refresh: async () => {
      const status = await service.syncNow();
      return status.lastError && status.state !== 'ok' ? fail(status.lastError) : ok(null);
    },
    getSettings: async () => ok(publicSettings()),
    saveSettings,
    testConnection: async (draft) => {
      const s = withPatch(effective(), draft, o.vault);
      return ok(await runDoctor({ config: { ...draftConfig(s, o.vault), log: o.log }, staff: s.staffCode }));
    },
    listStaff: async (draft) => {
      const s = withPatch(effective(), draft, o.vault);
      // Demo staff only for the demo: a real account not filled in yet gets a config error.
      const demoDraft = conn.kind === 'demo' && !s.baseUrl && s.mode !== 'account';
      const client = demoDraft ? conn.client : null;
      const c = client ?? createYoumiClient({ ...draftConfig(s, o.vault), log: o.log });
      try {
        return ok(await c.listStaff());
      } catch (e) {
        return fail(toAppError(e));
      } finally {
        if (!client) await c.close();
      }
    },
    useRelay,
    useDemo: async () => {
      const r = await saveSettings({ mode: 'demo' });
      return r.ok ? ok(null) : r;
    },
    hideWindow: async () => {
      o.host.hideWindow();
      return ok(null);
    },
    setPinned: async (pinned) => {
      o.host.setPinned(pinned);
      return ok(null);
    },
  };

  let stopping: Promise<void> | null = null;
  return {
    dispatch: (method, args) => dispatch(handlers, method, args),
    call: (method, ...args) => dispatch(handlers, method, args),
    snapshot: () => actions.decorate(service.snapshot()),
    todoTitle: (id) => service.todo(id)?.title,
    todoDue: (id) => service.isDue(id),
    settings: publicSettings,
    onSnapshot: (listener) => {
      snapshotListeners.add(listener);
      const off = service.on('snapshot', (s) => listener(actions.decorate(s)));
      return () => {
        snapshotListeners.delete(listener);
        off();
      };
    },
    onReminder: (listener) => service.on('reminder', (r) => listener(actions.nameReminder(r))),
    localesChanged: () => service.updateSettings({ language: effectiveLanguage(effective().language, locales()) }),
    wake: (reason) => service.wake(reason),
    demoInfo: () => (conn.demo ? { url: conn.demo.url, staff: conn.demo.demoStaff, adminUrl: conn.demo.adminUrl } : null),
    start: () => service.start(),
    lookupNames: async (todos) => {
      actions.people.want(todos);
      await actions.people.idle();
      return actions.people.names();
    },
    // Idempotent: a second stop (two signals, a test's cleanup) must not close the closed
    // HTTP client again, which undici rejects with ClientDestroyedError.
    stop: () => (stopping ??= (async () => {
      await reconnecting.catch(() => {});
      await team?.close();
      await service.stop();
      await conn.client?.close();
      await conn.demo?.close();
    })()),
  };
}
