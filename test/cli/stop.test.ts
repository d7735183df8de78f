/**
 * SIGTERM while the CLI waits on a server that never answers: the request is aborted at
 * once and the command ends with exit 4 and one stderr line (no hang, no stack).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanEnv } from './sim-env';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = 'electron/main/hosts/cli/main.ts';

describe('CLI stop', () => {
  it('SIGTERM during a request that never ends: exit 4 with one line, at once', async () => {
    let arrived: () => void;
    const request = new Promise<void>((r) => (arrived = r));
    // Answers the token, then takes every other request and never answers it.
    const server = createServer((req, res) => {
      if (req.url === '/connect/token') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'tok-123456', token_type: 'Bearer', expires_in: 3600 }));
        return;
      }
      arrived();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'youmi-cli-stop-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'list'], {
        cwd: ROOT,
        env: {
          ...cleanEnv(),
          YOUMI_BASE_URL: url,
          YOUMI_TOKEN_URL: `${url}/connect/token`,
          YOUMI_CLIENT_ID: 'c',
          YOUMI_CLIENT_SECRET: 'secret-value',
          YOUMI_STAFF: 'b08',
          YOUMI_DATA_DIR: dataDir,
        },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const closed = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
      await request;
      const signalled = Date.now();
      child.kill('SIGTERM');
      expect(await closed).toBe(4);
      expect(Date.now() - signalled).toBeLessThan(2500);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: .*stopped/);
      console.log(`CLI after SIGTERM: exit 4, ${lines[0]}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      server.closeAllConnections();
      server.close();
    }
  }, 60_000);
});
