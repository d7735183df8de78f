import { describe, expect, it } from 'vitest';
import { bridgeMethods, type BridgeInvoke } from '../../shared/contract/bridge-methods';
import { BRIDGE_METHODS } from '../../shared/contract/channels';

describe('the bridge method table (preload and browser bridge)', () => {
  const calls: { method: string; args: unknown[] }[] = [];
  const invoke: BridgeInvoke = async (method, args) => {
    calls.push({ method, args: [...args] });
    return { ok: false, error: { kind: 'internal', detail: method } };
  };
  const methods = bridgeMethods(invoke);

  it('offers exactly the methods main registers handlers for', () => {
    expect(Object.keys(methods).sort()).toEqual([...BRIDGE_METHODS].sort());
  });

  it('sends each method under its own name with its arguments in order', async () => {
    calls.length = 0;
    await methods.snooze([1, 2], '1h');
    await methods.handOff(7, 'B08', 'note');
    await methods.useRelay('wss://relay', 'code');
    await methods.getSnapshot();
    expect(calls).toEqual([
      { method: 'snooze', args: [[1, 2], '1h'] },
      { method: 'handOff', args: [7, 'B08', 'note'] },
      { method: 'useRelay', args: ['wss://relay', 'code'] },
      { method: 'getSnapshot', args: [] },
    ]);
  });

  it('answers with the carrier\'s Result', async () => {
    expect(await methods.refresh()).toEqual({ ok: false, error: { kind: 'internal', detail: 'refresh' } });
  });
});
