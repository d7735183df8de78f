/** The API client as the CLI's commands open it: settings from flags/env, diagnostics to --verbose. */
import { createYoumiClient, type YoumiConnection } from '../../api/client';
import type { YoumiConfig } from '../../api/types';
import type { CliContext } from './command';

export function clientConfig(ctx: CliContext): Partial<YoumiConfig> {
  return { ...ctx.settings.config, log: ctx.log };
}

export function openClient(ctx: CliContext): YoumiConnection {
  return createYoumiClient(clientConfig(ctx));
}
