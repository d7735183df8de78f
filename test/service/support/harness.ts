/** A service on a virtual clock, an in-memory (or file) store and a fake source. */
import { createMemoryStore, type MemoryStore } from '../../../electron/main/store/memory-store';
import type { KeyValueStore, TodoSource } from '../../../electron/main/service/ports';
import {
  createTodoService,
  type ServiceSettings,
  type TodoService,
} from '../../../electron/main/service/todo-service';
import { VirtualClock } from '../../../electron/main/service/virtual-clock';
import { FakeSource, RecordingNotifier } from './fixtures';

/** 2025-01-06 09:00 in Asia/Shanghai (the tests' TZ), a Monday. */
export const T0 = Date.parse('2025-01-06T09:00:00+08:00');

export interface Harness {
  clock: VirtualClock;
  source: FakeSource;
  notifier: RecordingNotifier;
  store: KeyValueStore;
  service: TodoService;
  logs: string[];
  /** Advances virtual time, letting async sync work finish after each wake-up. */
  run(ms: number): Promise<void>;
  restart(opts?: { clock?: VirtualClock }): Promise<Harness>;
}

export interface HarnessOptions {
  clock?: VirtualClock;
  source?: TodoSource & Partial<FakeSource>;
  store?: KeyValueStore;
  settings?: Partial<ServiceSettings>;
  staff?: string | null;
  start?: boolean;
}

export async function harness(o: HarnessOptions = {}): Promise<Harness> {
  const clock = o.clock ?? new VirtualClock(T0);
  const source = (o.source ?? new FakeSource()) as FakeSource;
  const notifier = new RecordingNotifier();
  const store: KeyValueStore = o.store ?? createMemoryStore();
  const logs: string[] = [];
  const service = createTodoService({
    clock,
    notifier,
    store,
    source,
    staff: o.staff === undefined ? 'b08' : o.staff,
    settings: o.settings ?? {},
    log: (l) => logs.push(l),
  });
  const h: Harness = {
    clock,
    source,
    notifier,
    store,
    service,
    logs,
    run: (ms) => clock.advanceAsync(ms, () => settle(service)),
    async restart(r = {}) {
      await service.stop();
      return harness({ ...o, clock: r.clock ?? clock, source, store, start: true });
    },
  };
  if (o.start !== false) await service.start();
  return h;
}

/** Lets promise chains (fake source calls, real HTTP) finish. */
export async function settle(service: TodoService): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await service.whenIdle();
    await new Promise((r) => setImmediate(r));
  }
}

export type { MemoryStore };
