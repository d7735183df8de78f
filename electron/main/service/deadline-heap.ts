/**
 * A min-heap of (due, id) with lazy deletion: updating a todo pushes a new entry and
 * bumps its generation, stale entries are skipped when they surface. O(log n) per
 * change, so 10,000 todos cost nothing to keep in order; rebuilt when stale entries
 * outnumber live ones.
 *
 * Each id keeps one mutable record of its live entry, also while it is popped (generation
 * 0): the scheduler sets a delivered todo again at once, so a pop and the next set change
 * a field instead of deleting from and adding to the map and allocating per reminder.
 */
interface Current {
  due: number;
  /** The generation of the id's live heap entry; 0 while the id has none. */
  gen: number;
}

export class DeadlineHeap {
  private dues: number[] = [];
  private ids: number[] = [];
  private gens: number[] = [];
  private readonly current = new Map<number, Current>();
  private live = 0;
  private gen = 0;

  get size(): number {
    return this.live;
  }

  get(id: number): number | null {
    const cur = this.current.get(id);
    return cur && cur.gen !== 0 ? cur.due : null;
  }

  set(id: number, due: number | null): void {
    const cur = this.current.get(id);
    if (due === null) {
      if (cur) {
        if (cur.gen !== 0) this.live--;
        this.current.delete(id);
      }
      return;
    }
    if (cur && cur.gen !== 0 && cur.due === due) return;
    const gen = ++this.gen;
    if (!cur || cur.gen === 0) this.live++;
    if (cur) {
      cur.due = due;
      cur.gen = gen;
    } else this.current.set(id, { due, gen });
    this.push(due, id, gen);
    if (this.dues.length > 2 * this.live + 1024) this.compact();
  }

  clear(): void {
    this.dues = [];
    this.ids = [];
    this.gens = [];
    this.current.clear();
    this.live = 0;
  }

  /** The earliest live entry, or null. */
  peek(): { id: number; due: number } | null {
    this.dropStale();
    return this.dues.length === 0 ? null : { id: this.ids[0]!, due: this.dues[0]! };
  }

  /** Removes the earliest live entry if it is due at or before `t` and returns its id, else null. */
  popDue(t: number): number | null {
    this.dropStale();
    if (this.dues.length === 0 || this.dues[0]! > t) return null;
    const id = this.ids[0]!;
    this.current.get(id)!.gen = 0;
    this.live--;
    this.popTop();
    return id;
  }

  private dropStale(): void {
    while (this.dues.length > 0) {
      if (this.current.get(this.ids[0]!)?.gen === this.gens[0]) return;
      this.popTop();
    }
  }

  private compact(): void {
    this.dues = [];
    this.ids = [];
    this.gens = [];
    // Ids popped and never set again (delivered for the last time) leave the map here.
    for (const [id, { due, gen }] of this.current) {
      if (gen !== 0) this.push(due, id, gen);
      else this.current.delete(id);
    }
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
