import { describe, expect, it } from 'vitest';
import { createYoumiClient } from '../../electron/main/api/client';
import { runDoctor } from '../../electron/main/api/doctor';
import { closedPort, simConfig, useSimulator } from './harness';

const quick = { maxRetries: 0 };

describe('runDoctor', () => {
  const sim = useSimulator();

  it('passes config, token, count and staff, one step each', async () => {
    const report = await runDoctor({ config: simConfig(sim()), staff: 'b08' });
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['config', true],
      ['token', true],
      ['count', true],
      ['staff', true],
    ]);
    const open = sim().admin.todos().filter((t) => t.sate === 0).length;
    expect(report.steps[2]?.detail).toBe(`${open} open todos on the account`);
    expect(report.steps[3]?.detail).toMatch(/^b08 = 张三 \(客服部\), \d+ open todos$/);
    expect(report.steps.every((s) => s.error === null)).toBe(true);
  });

  it('stops at config when the base URL is missing', async () => {
    const report = await runDoctor({ config: simConfig(sim(), { baseUrl: '' }), staff: 'b08' });
    expect(report).toEqual({
      ok: false,
      steps: [{ step: 'config', ok: false, detail: 'base URL is not set', error: { kind: 'config', detail: 'base URL is not set' } }],
    });
  });

  it('stops at config when the staff code is missing', async () => {
    const report = await runDoctor({ config: simConfig(sim()), staff: '' });
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]?.error).toEqual({ kind: 'config', detail: 'staff code is not set' });
  });

  it('stops at token for a wrong secret', async () => {
    const report = await runDoctor({ config: simConfig(sim(), { clientSecret: 'wrong-secret' }), staff: 'b08' });
    expect(report.steps.map((s) => s.ok)).toEqual([true, false]);
    expect(report.steps[1]).toMatchObject({ step: 'token', error: { kind: 'auth', detail: 'client id or secret rejected (invalid_client)' } });
  });

  it('stops at token when nothing listens', async () => {
    const port = await closedPort();
    const report = await runDoctor({ config: simConfig(sim(), { tokenUrl: `http://127.0.0.1:${port}/connect/token`, ...quick }), staff: 'b08' });
    expect(report.steps[1]).toMatchObject({ step: 'token', ok: false, error: { kind: 'network' } });
  });

  it('stops at count when the API fails', async () => {
    sim().admin.injectFault({ kind: 'status', status: 502, path: '/v2/Todo/GetChargeDaffairesCount' });
    const report = await runDoctor({ config: simConfig(sim(), quick), staff: 'b08' });
    expect(report.steps.map((s) => s.step)).toEqual(['config', 'token', 'count']);
    expect(report.steps[2]?.error).toMatchObject({ kind: 'server', code: 502 });
  });

  it('fails the staff step for a code the server does not know, as business error 200010', async () => {
    const report = await runDoctor({ config: simConfig(sim()), staff: 'b99' });
    expect(report.ok).toBe(false);
    expect(report.steps[3]).toMatchObject({ step: 'staff', ok: false, error: { kind: 'business', code: 200010 } });
    expect(report.steps[3]?.detail).toMatch(/员工号不存在.*b99 is not in the staff list/);
  });

  it('compares the staff code as the server does: B08 is not b08, and it says so (issue 11 item 10)', async () => {
    const report = await runDoctor({ config: simConfig(sim()), staff: 'B08' });
    expect(report.ok).toBe(false);
    expect(report.steps[3]?.detail).toMatch(/B08 is not in the staff list \(codes are case-sensitive: did you mean b08\?\)$/);
    // …as the list does: the server's own filter refuses it.
    const client = createYoumiClient(simConfig(sim()));
    await expect(client.listMyOpenTodos('B08')).rejects.toMatchObject({ code: 200010 });
    await client.close();
  });

  it('warns, without failing, when the staff member is disabled (停用) on the server (issue 11 item 10)', async () => {
    const report = await runDoctor({ config: simConfig(sim()), staff: 'b20' });
    expect(report.ok).toBe(true);
    expect(report.steps[3]?.detail).toMatch(/^b20 = 刘七 .*; warning: this staff member is disabled \(停用\) on the server$/);
    expect(report.steps[3]?.facts).toMatchObject({ code: 'b20', disabled: true });
    const active = await runDoctor({ config: simConfig(sim()), staff: 'b08' });
    expect(active.steps[3]?.facts).toMatchObject({ code: 'b08', name: '张三', disabled: false });
  });
});
