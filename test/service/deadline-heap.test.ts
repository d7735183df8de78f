import { describe, expect, it } from 'vitest';
import { DeadlineHeap } from '../../electron/main/service/deadline-heap';

/** Pops everything due by `t`, in order. */
const popAll = (h: DeadlineHeap, t: number): number[] => {
  const ids: number[] = [];
  for (let id = h.popDue(t); id !== null; id = h.popDue(t)) ids.push(id);
  return ids;
};

describe('DeadlineHeap: the next due instant of every todo', () => {
  it('pops due ids earliest first, only those due, and forgets a popped id until it is set again', () => {
    const h = new DeadlineHeap();
    h.set(1, 300);
    h.set(2, 100);
    h.set(3, 200);
    h.set(4, 900);
    expect(h.size).toBe(4);
    expect(popAll(h, 250)).toEqual([2, 3]);
    expect(h.get(2)).toBeNull();
    expect(h.size).toBe(2);
    expect(h.peek()).toEqual({ id: 1, due: 300 });
    // Set again after the pop (the scheduler's next occurrence): due once more, once.
    h.set(2, 250);
    expect(h.get(2)).toBe(250);
    expect(h.size).toBe(3);
    expect(popAll(h, 300)).toEqual([2, 1]);
    expect(popAll(h, 300)).toEqual([]);
  });

  it('moving or removing an id leaves no stale entry behind to pop', () => {
    const h = new DeadlineHeap();
    h.set(1, 100);
    h.set(2, 150);
    h.set(1, 500); // moved later
    h.set(2, 150); // unchanged
    h.set(3, 120);
    h.set(3, null); // removed
    h.set(3, null);
    expect(h.size).toBe(2);
    expect(popAll(h, 400)).toEqual([2]);
    expect(h.peek()).toEqual({ id: 1, due: 500 });
    h.set(1, 50); // moved earlier
    expect(popAll(h, 100)).toEqual([1]);
    expect(h.peek()).toBeNull();
    expect(h.size).toBe(0);
  });

  it('keeps its order through many updates and compactions, popped ids included', () => {
    const h = new DeadlineHeap();
    const want = new Map<number, number>();
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      for (let k = 0; k < 500; k++) {
        const id = rand(300);
        const due = rand(5) === 0 ? null : 1000 * round + rand(5000);
        h.set(id, due);
        if (due === null) want.delete(id);
        else want.set(id, due);
      }
      const t = 1000 * round + 1500;
      const popped = popAll(h, t);
      const expected = [...want].filter(([, d]) => d <= t).sort((a, b) => a[1] - b[1]);
      expect(popped.map((id) => want.get(id))).toEqual(expected.map(([, d]) => d));
      expect(new Set(popped)).toEqual(new Set(expected.map(([id]) => id)));
      for (const id of popped) want.delete(id);
      expect(h.size).toBe(want.size);
      for (const [id, d] of want) expect(h.get(id)).toBe(d);
    }
  });
});
