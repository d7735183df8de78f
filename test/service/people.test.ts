/**
 * The customer/staff name cache: one call per customer per TTL, stale names served while a
 * refresh runs, failures never hide anything, the cache survives a restart on disk.
 * Time is a virtual clock; the API is the simulator over real HTTP where it matters.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerInfo, StaffMember } from '../../shared/contract/types';
import { customerKey, PeopleCache, PEOPLE_TTL_MS, type PeopleSource } from '../../electron/main/service/people';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { clientFor, hits, useSimulator } from '../api/harness';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'youmi-people-'));
  dirs.push(dir);
  return join(dir, 'people-cache.json');
}

const todo = (customer: string, account = 3430) => ({ customer, account: { id: account } });

/** A source whose answers the test releases by hand, counting every call. */
function gatedSource() {
  const calls: string[] = [];
  const waiting: { wxid: string; resolve: (v: CustomerInfo | null) => void; reject: (e: Error) => void }[] = [];
  const source: PeopleSource = {
    findCustomer: (wxid) =>
      new Promise((resolve, reject) => {
        calls.push(wxid);
        waiting.push({ wxid, resolve, reject });
      }),
    listStaff: async (): Promise<StaffMember[]> => [{ code: 'b03', name: '王经理', depart: '管理部' }],
  };
  const answer = (nick: string) => {
    for (const w of waiting.splice(0)) w.resolve({ wxid: w.wxid, nick, remark: null, wechatNo: null });
  };
  const failAll = () => {
    for (const w of waiting.splice(0)) w.reject(new Error('HTTP 503'));
  };
  return { source, calls, answer, failAll };
}

describe('PeopleCache', () => {
  it('asks once per customer per TTL however often the list asks, and again after the TTL', async () => {
    const clock = new VirtualClock();
    const g = gatedSource();
    const cache = new PeopleCache({ file: null, clock, log: () => {}, onChange: () => {} });
    cache.setSource(g.source, 's');
    cache.want([todo('wxid_a'), todo('wxid_a'), todo('wxid_b')]);
    cache.want([todo('wxid_a')]); // while in flight
    await new Promise((r) => setImmediate(r)); // two at a time: b starts once the staff list is in
    expect(g.calls).toEqual(['wxid_a', 'wxid_b']);
    g.answer('阿A');
    await cache.idle();
    for (let i = 0; i < 5; i += 1) cache.want([todo('wxid_a'), todo('wxid_b')]);
    clock.advance(PEOPLE_TTL_MS - 1);
    cache.want([todo('wxid_a')]);
    expect(g.calls).toHaveLength(2);
    clock.advance(1);
    cache.want([todo('wxid_a')]);
    expect(g.calls).toEqual(['wxid_a', 'wxid_b', 'wxid_a']);
  });

  it('serves the stale name while refreshing, and keeps it when the refresh fails', async () => {
    const clock = new VirtualClock();
    const g = gatedSource();
    const cache = new PeopleCache({ file: null, clock, log: () => {}, onChange: () => {} });
    cache.setSource(g.source, 's');
    cache.want([todo('wxid_a')]);
    expect(cache.names().customers).toEqual({}); // nothing known yet: the list shows the id, and does not wait
    g.answer('旧名');
    await cache.idle();
    clock.advance(PEOPLE_TTL_MS);
    cache.want([todo('wxid_a')]);
    expect(cache.names().customers[customerKey(3430, 'wxid_a')]?.nick).toBe('旧名');
    g.failAll();
    await cache.idle();
    expect(cache.names().customers[customerKey(3430, 'wxid_a')]?.nick).toBe('旧名');
    // A failure counts as the call of this TTL: no retry storm.
    cache.want([todo('wxid_a')]);
    expect(g.calls).toHaveLength(2);
  });

  it('notifies once the lookups have drained, and the staff list becomes names', async () => {
    const clock = new VirtualClock();
    const g = gatedSource();
    let changes = 0;
    const cache = new PeopleCache({ file: null, clock, log: () => {}, onChange: () => (changes += 1) });
    cache.setSource(g.source, 's');
    cache.want([todo('wxid_a'), todo('wxid_b'), todo('wxid_c')]);
    g.answer('x');
    await new Promise((r) => setImmediate(r));
    g.answer('y');
    await cache.idle();
    expect(changes).toBe(1);
    expect(cache.names().staff['b03']).toEqual({ name: '王经理', depart: '管理部' });
  });

  it('keeps names on disk across a restart, and a broken cache file only means asking again', async () => {
    const file = tempFile();
    const clock = new VirtualClock();
    const g = gatedSource();
    const first = new PeopleCache({ file, clock, log: () => {}, onChange: () => {} });
    first.setSource(g.source, 's');
    first.want([todo('wxid_a')]);
    g.answer('小A');
    await first.idle();
    const second = new PeopleCache({ file, clock, log: () => {}, onChange: () => {} });
    second.setSource(g.source, 's');
    second.want([todo('wxid_a')]);
    expect(g.calls).toEqual(['wxid_a']);
    expect(second.names().customers[customerKey(3430, 'wxid_a')]?.nick).toBe('小A');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);

    writeFileSync(file, '{"version":1,"scopes":');
    const logs: string[] = [];
    const third = new PeopleCache({ file, clock, log: (l) => logs.push(l), onChange: () => {} });
    third.setSource(g.source, 's');
    third.want([todo('wxid_a')]);
    expect(g.calls).toHaveLength(2);
    expect(logs.join('\n')).toContain('people cache unreadable');
  });

  it('does not mix the names of two accounts (scopes)', async () => {
    const clock = new VirtualClock();
    const g = gatedSource();
    const cache = new PeopleCache({ file: null, clock, log: () => {}, onChange: () => {} });
    cache.setSource(g.source, 'one');
    cache.want([todo('wxid_a')]);
    g.answer('一号');
    await cache.idle();
    cache.setSource(g.source, 'two');
    expect(cache.names().customers).toEqual({});
  });
});

describe('PeopleCache over the simulator', () => {
  const sim = useSimulator();

  it('names a demo customer with one GetFansList call, whatever the number of syncs', async () => {
    const { client } = clientFor(sim());
    const clock = new VirtualClock();
    const cache = new PeopleCache({ file: tempFile(), clock, log: () => {}, onChange: () => {} });
    cache.setSource(client, 'demo');
    for (let i = 0; i < 3; i += 1) {
      cache.want([todo('wxid_8k2m4n6p0q1r3s'), todo('wxid_stranger')]);
      await cache.idle();
    }
    expect(hits(sim(), '/v2/Friend/GetFansList')).toHaveLength(2);
    expect(hits(sim(), '/v2/System/GetStaffList')).toHaveLength(1);
    const names = cache.names();
    expect(names.customers[customerKey(3430, 'wxid_8k2m4n6p0q1r3s')]).toMatchObject({ nick: '周老师', remark: '周老师(复购3次)' });
    expect(names.customers[customerKey(3430, 'wxid_stranger')]).toBeUndefined();
    expect(names.staff['b03']?.name).toBe('王经理');
  });
});
