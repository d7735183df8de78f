/**
 * A min-heap of (due, id) with lazy deletion: updating a todo pushes a new entry and
 * bumps its generation, stale entries are skipped when they surface. O(log n) per
 * change, so 10,000 todos cost nothing to keep in order; rebuilt when stale entries
 * outnumber live ones.
 */
export class DeadlineHeap {
  private dues: number[] = [];
  private ids: number[] = [];
  private gens: number[] = [];
  private readonly current = new Map<number, { due: number; gen: number }>();
  private gen = 0;

  get size(): number {
    return this.current.size;
  }

  get(id: number): number | null {
    return this.current.get(id)?.due ?? null;
  }

  set(id: number, due: number | null): void {
    const cur = this.current.get(id);
    if (due === null) {
      if (cur) this.current.delete(id);
      return;
    }
    if (cur && cur.due === due) return;
    const gen = ++this.gen;
    this.current.set(id, { due, gen });
    this.push(due, id, gen);
    if (this.dues.length > 2 * this.current.size + 1024) this.compact();
  }

  clear(): void {
    this.dues = [];
    this.ids = [];
    this.gens = [];
    this.current.clear();
  }

  /** The earliest live entry, or null. */
  peek(): { id: number; due: number } | null {
    this.dropStale();
    return this.dues.length === 0 ? null : { id: this.ids[0]!, due: this.dues[0]! };
  }

  /** Removes and returns the earliest live entry if it is due at or before `t`. */
  popDue(t: number): { id: number; due: number } | null {
    this.dropStale();
    if (this.dues.length === 0 || this.dues[0]! > t) return null;
    const id = this.ids[0]!;
    const due = this.dues[0]!;
    this.current.delete(id);
    this.popTop();
    return { id, due };
  }

  private dropStale(): void {
    while (this.dues.length > 0) {
      const cur = this.current.get(this.ids[0]!);
      if (cur && cur.gen === this.gens[0]) return;
      this.popTop();
    }
  }

  private compact(): void {
    const entries = [...this.current.entries()];
    this.dues = [];
    this.ids = [];
    this.gens = [];
    for (const [id, { due, gen }] of entries) this.push(due, id, gen);
  }

  private push(due: number, id: number, gen: number): void {
    const d = this.dues;
    let i = d.length;
    d.push(due);
    this.ids.push(id);
    this.gens.push(gen);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (d[p]! <= due) break;
      this.move(p, i);
      i = p;
    }
    this.place(i, due, id, gen);
  }

  private popTop(): void {
    const d = this.dues;
    const lastDue = d.pop()!;
    const lastId = this.ids.pop()!;
    const lastGen = this.gens.pop()!;
    const n = d.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && d[r]! < d[l]! ? r : l;
      if (d[c]! >= lastDue) break;
      this.move(c, i);
      i = c;
    }
    this.place(i, lastDue, lastId, lastGen);
  }

  private move(from: number, to: number): void {
    this.dues[to] = this.dues[from]!;
    this.ids[to] = this.ids[from]!;
    this.gens[to] = this.gens[from]!;
  }

  private place(i: number, due: number, id: number, gen: number): void {
    this.dues[i] = due;
    this.ids[i] = id;
    this.gens[i] = gen;
  }
}
