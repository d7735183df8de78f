/**
 * `npm run relay [-- command]`:
 *   (none) | serve      start the relay; first line `listening http://HOST:PORT`
 *   enroll <staff>      print a one-time enrolment code for a staff member (工号)
 *   admin-token         print a new admin token (for the team page and the admin routes)
 *   credentials         store the merchant's credentials from YOUMI_BASE_URL, YOUMI_TOKEN_URL,
 *                       YOUMI_CLIENT_ID, YOUMI_CLIENT_SECRET, YOUMI_TENANT_ID (secret sealed)
 *   devices | revoke <device id>
 * Settings come from the environment: RELAY_DATA_DIR, DATABASE_URL, RELAY_SECRET_KEY or
 * RELAY_KEY_FILE, RELAY_HOST, RELAY_PORT, RELAY_POLL_SEC, RELAY_BUDGET_PER_MIN,
 * RELAY_LOCK_RETRY_MS (Postgres standby's lock tries, default the poll interval), RELAY_ALLOW_PLAIN_HTTP=1; flags --port, --host, --data-dir override.
 */
import { join } from 'node:path';
import { DEFAULT_TOKEN_URL } from '../../electron/main/api/types';
import { openStore, startRelay, type RelayOptions } from './relay';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function intEnv(v: string | undefined, fallback: number, label: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${label} must be a whole number`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const env = process.env;
  const positional = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const command = positional[0] ?? 'serve';
  const base: RelayOptions = {
    dataDir: flag(argv, 'data-dir') ?? env.RELAY_DATA_DIR ?? join(import.meta.dirname, '..', 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: env.RELAY_SECRET_KEY || undefined,
    keyFile: env.RELAY_KEY_FILE || undefined,
  };

  if (command === 'serve') {
    const relay = await startRelay({
      ...base,
      host: flag(argv, 'host') ?? env.RELAY_HOST ?? '127.0.0.1',
      port: intEnv(flag(argv, 'port') ?? env.RELAY_PORT, 4820, 'port'),
      pollSec: intEnv(env.RELAY_POLL_SEC, 60, 'RELAY_POLL_SEC'),
      budgetPerMinute: intEnv(env.RELAY_BUDGET_PER_MIN, 120, 'RELAY_BUDGET_PER_MIN'),
      allowPlainHttp: env.RELAY_ALLOW_PLAIN_HTTP === '1',
      ...(env.RELAY_LOCK_RETRY_MS ? { lockRetryMs: intEnv(env.RELAY_LOCK_RETRY_MS, 0, 'RELAY_LOCK_RETRY_MS') } : {}),
      log: (line) => console.log(line),
    });
    console.log(`listening ${relay.url}`);
    const stop = (): void => {
      void relay.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1; // keep running
  }

  const store = await openStore(base);
  try {
    switch (command) {
      case 'enroll':
      case 'enrol': {
        const staff = positional[1];
        if (!staff) throw new Error('usage: npm run relay -- enroll <staff code>');
        const e = await store.enrol(staff);
        console.log(e.code);
        console.error(`one-time code for ${e.staff}, valid until ${e.expiresAt}`);
        return 0;
      }
      case 'admin-token':
        console.log(await store.createAdminToken());
        console.error('admin token: shown once, stored hashed; keep it somewhere safe');
        return 0;
      case 'credentials': {
        const baseUrl = env.YOUMI_BASE_URL?.trim();
        const clientId = env.YOUMI_CLIENT_ID?.trim();
        const clientSecret = env.YOUMI_CLIENT_SECRET;
        if (!baseUrl || !clientId || !clientSecret) throw new Error('set YOUMI_BASE_URL, YOUMI_CLIENT_ID and YOUMI_CLIENT_SECRET');
        await store.saveCredentials({
          baseUrl,
          tokenUrl: env.YOUMI_TOKEN_URL?.trim() || DEFAULT_TOKEN_URL,
          clientId,
          clientSecret,
          ...(env.YOUMI_TENANT_ID?.trim() ? { tenantId: env.YOUMI_TENANT_ID.trim() } : {}),
        });
        console.log(`credentials stored for client ${clientId} (secret encrypted)`);
        return 0;
      }
      case 'devices':
        for (const d of await store.devices()) console.log(`${d.id}\t${d.staff}\t${d.name}\t${d.createdAt}\t${d.revokedAt ?? 'active'}`);
        return 0;
      case 'revoke': {
        const id = Number(positional[1]);
        const d = Number.isInteger(id) ? await store.revoke(id) : null;
        if (!d) throw new Error('usage: npm run relay -- revoke <active device id>');
        console.log(`revoked device ${d.id} (${d.name}) of ${d.staff}`);
        return 0;
      }
      default:
        throw new Error(`unknown command ${command}`);
    }
  } finally {
    await store.db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`relay: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
