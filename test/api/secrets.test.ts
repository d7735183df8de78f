/**
 * Secrets never appear in errors, logs or output. Every scenario below runs against the
 * simulator through a recording token proxy (so the test knows every access token issued);
 * everything logged, thrown (message, stack, AppError) and printed by the CLI is then
 * searched for the client secret and each token.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createYoumiClient } from '../../electron/main/api/client';
import { runDoctor } from '../../electron/main/api/doctor';
import { toAppError } from '../../electron/main/api/errors';
import type { YoumiConfig } from '../../electron/main/api/types';
import { runCli } from '../../electron/main/hosts/cli/run';
import { COUNT, LIST, track, useSimulator } from './harness';

const SECRET = 'demo-secret';

describe('secrets stay out of logs, errors and output', () => {
  const sim = useSimulator();

  it('never leaks the client secret or an access token', async () => {
    const tokens: string[] = [];
    // A token endpoint that forwards to the simulator and remembers what it hands out.
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const upstream = await request(sim().tokenUrl, {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: Buffer.concat(chunks),
        });
        const text = await upstream.body.text();
        try {
          const token = (JSON.parse(text) as { access_token?: string }).access_token;
          if (token) tokens.push(token);
        } catch {
          // not JSON: nothing to remember
        }
        res.writeHead(upstream.statusCode, { 'content-type': 'application/json' });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    track({ close: () => new Promise<void>((resolve) => proxy.close(() => resolve())) });
    const tokenUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/connect/token`;

    const seen: string[] = [];
    const config = (over: Partial<YoumiConfig> = {}): Partial<YoumiConfig> => ({
      baseUrl: sim().url,
      tokenUrl,
      clientId: sim().credentials.clientId,
      clientSecret: SECRET,
      maxRetries: 1,
      sleep: async () => {},
      log: (line) => seen.push(line),
      ...over,
    });
    const record = (e: unknown): void => {
      seen.push(String(e), JSON.stringify(toAppError(e)));
      if (e instanceof Error) seen.push(e.message, e.stack ?? '');
    };
    const attempt = async (p: Promise<unknown>): Promise<void> => {
      try {
        seen.push(JSON.stringify(await p));
      } catch (e) {
        record(e);
      }
    };

    const client = track(createYoumiClient(config()));
    await attempt(client.listMyOpenTodos('b08'));
    sim().admin.expireTokens();
    await attempt(client.countTodos({}));
    sim().admin.injectFault({ kind: 'unauthorized', path: COUNT, times: Infinity });
    await attempt(client.countTodos({}));
    sim().admin.clearFaults();
    await attempt(client.countTodos({}));
    const current = tokens.at(-1) ?? '';
    expect(current.length).toBeGreaterThan(10);
    // A server echoing the token and the secret back in errdesc.
    sim().admin.injectFault({ kind: 'business', errmsg: 200019, errdesc: `bad token ${current} for ${SECRET}`, path: LIST });
    await attempt(client.listTodos({}));
    sim().admin.injectFault({ kind: 'malformed-json', path: LIST });
    await attempt(client.listTodos({}));
    sim().admin.injectFault({ kind: 'status', status: 503, path: LIST, times: 2 });
    await attempt(client.listTodos({}));
    await attempt(createYoumiClient(config({ clientSecret: `${SECRET}-wrong` })).countTodos({}));
    await attempt(createYoumiClient(config({ baseUrl: 'http://127.0.0.1:1' })).countTodos({}));
    seen.push(JSON.stringify(await runDoctor({ config: config(), staff: 'b08' })));
    seen.push(JSON.stringify(await runDoctor({ config: config({ clientSecret: 'wrong-one-123' }), staff: 'b08' })));

    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (l: string) => out.push(l) };
    const env = { YOUMI_BASE_URL: sim().url, YOUMI_TOKEN_URL: tokenUrl, YOUMI_CLIENT_ID: sim().credentials.clientId, YOUMI_STAFF: 'b08' };
    await runCli(['list', '--json', '--verbose', '--client-secret', SECRET], io, env);
    await runCli(['doctor', '--verbose'], io, { ...env, YOUMI_CLIENT_SECRET: SECRET });
    await runCli(['list', '--verbose'], io, { ...env, YOUMI_CLIENT_SECRET: `${SECRET}x` });
    await runCli(['list', '--client-secrt', SECRET], io, env);
    seen.push(...out);

    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(seen.join('\n')).toContain('[redacted]'); // the errdesc echo was caught
    const haystack = seen.join('\n');
    expect(haystack).not.toContain(SECRET);
    for (const token of tokens) expect(haystack).not.toContain(token);
  });
});
