/**
 * The whole app (settings, service, local state) as the CLI's state commands open it:
 * the same data dir and state file as the desktop app, the account from flags/env on top
 * of the saved settings, and no demo simulator (the CLI is for real accounts and tests).
 */
import { createApp } from '../../app/app';
import { plainVault } from '../../app/plain-vault';
import type { YoumiApp } from '../../app/types';
import { DEFAULT_TOKEN_URL } from '../../api/types';
import type { Notifier } from '../../service/ports';
import { defaultDataDir } from '../data-dir';
import { createNodeStore } from '../node-store';
import type { CliContext } from './command';

export async function openCliApp(ctx: CliContext, notifier: Notifier = { notify: () => {} }): Promise<YoumiApp> {
  const dataDir = ctx.settings.dataDir ?? defaultDataDir();
  const c = ctx.settings.config;
  const given = (v: string | undefined): string | undefined => (v ? v : undefined);
  const overrides = Object.fromEntries(
    Object.entries({
      baseUrl: given(c.baseUrl),
      tokenUrl: c.tokenUrl && c.tokenUrl !== DEFAULT_TOKEN_URL ? c.tokenUrl : undefined,
      clientId: given(c.clientId),
      clientSecret: given(c.clientSecret),
      tenantId: given(c.tenantId),
      staffCode: given(ctx.settings.staff),
    }).filter(([, v]) => v !== undefined),
  );
  const app = await createApp({
    dataDir,
    store: createNodeStore(dataDir),
    vault: plainVault,
    notifier,
    host: { hideWindow: () => {}, setPinned: () => {}, openExternal: async () => {} },
    log: ctx.log,
    overrides: { ...overrides, language: ctx.settings.language },
    allowDemo: false,
    ...(ctx.settings.relay ? { relay: ctx.settings.relay } : {}),
  });
  warnIfMovedAside(app, ctx.io.stderr);
  return app;
}

/** A state file that could not be used was moved aside: say so always, not only with --verbose. */
export function warnIfMovedAside(app: YoumiApp, stderr: (line: string) => void): void {
  const problem = app.snapshot().storageProblem;
  if (problem?.movedTo) stderr(`warning: ${problem.detail.replace(/\s+/g, ' ')}; the old file is kept as ${problem.movedTo}`);
}
