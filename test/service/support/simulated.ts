/** The real simulator and API client over loopback, both on the test's virtual clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createYoumiClient, type YoumiConnection } from '../../../electron/main/api/client';
import type { TodoSource } from '../../../electron/main/service/ports';
import { VirtualClock } from '../../../electron/main/service/virtual-clock';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/index';
import { formatChinaTime } from '../../../electron/main/simulator/china-time';
import { createFileStore } from '../../../electron/main/store/file-store';
import { T0, harness, type Harness, type HarnessOptions } from './harness';

export interface World {
  clock: VirtualClock;
  sim: Simulator;
  client: YoumiConnection;
  dir: string;
  /** A service on the simulator through the real client, state in `dir`. */
  service(o?: Omit<HarnessOptions, 'clock' | 'source'> & { source?: TodoSource }): Promise<Harness>;
  /** Adds a todo for b08 due at `at` (epoch ms). */
  add(at: number, over?: { isAlways?: boolean; id?: number; title?: string }): number;
  close(): Promise<void>;
}

export async function world(): Promise<World> {
  const clock = new VirtualClock(T0);
  const sim = await startSimulator({ port: 0, now: () => clock.now(), demoData: false });
  const client = createYoumiClient({
    baseUrl: sim.url,
    tokenUrl: sim.tokenUrl,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    now: () => clock.now(),
    // Failures are the service's to handle here: no client retries (they sleep in real time).
    maxRetries: 0,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-int-'));
  const harnesses: Harness[] = [];
  return {
    clock,
    sim,
    client,
    dir,
    async service(o = {}) {
      const h = await harness({
        store: createFileStore({ dataDir: dir }),
        ...o,
        clock,
        source: (o.source ?? client) as never,
        staff: sim.demoStaff,
      });
      harnesses.push(h);
      return h;
    },
    add(at, over = {}) {
      return sim.admin.addTodo({
        remindTitle: over.title ?? `回访 ${at}`,
        followupsiTuation: '确认收货',
        remindTime: formatChinaTime(at),
        isAlways: over.isAlways ?? false,
        levelName: '紧急',
        ...(over.id === undefined ? {} : { id: over.id }),
      }).id;
    },
    async close() {
      for (const h of harnesses) await h.service.stop();
      await client.close();
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
