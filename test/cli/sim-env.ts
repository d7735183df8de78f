/** The CLI's settings for a simulator, as the environment a user would set. */
import type { Simulator } from '../../electron/main/simulator/index';

/** The test process's environment without YOUMI_* settings, which must not leak into a run. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('YOUMI_')));
}

export function simEnv(sim: Simulator, over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    YOUMI_BASE_URL: sim.url,
    YOUMI_TOKEN_URL: sim.tokenUrl,
    YOUMI_CLIENT_ID: sim.credentials.clientId,
    YOUMI_CLIENT_SECRET: sim.credentials.clientSecret,
    YOUMI_STAFF: sim.demoStaff,
    ...over,
  };
}
