/**
 * Marks waiting to reach the relay. Kept in a small JSON file next to the state file so
 * marks made while the relay was unreachable (or the app was closed before they went out)
 * are replayed, in order, on the next connection. The relay orders them by its own clock.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RelayLink, RelayMarkInput } from './link';

export class MarkOutbox {
  private pending: RelayMarkInput[];
  private flushing: Promise<void> | null = null;
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly link: RelayLink,
    private readonly log: (line: string) => void,
  ) {
    this.file = join(dataDir, 'relay-outbox.json');
    this.pending = this.load();
  }

  private load(): RelayMarkInput[] {
    try {
      if (!existsSync(this.file)) return [];
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(v) ? (v as RelayMarkInput[]) : [];
    } catch {
      return []; // a torn file loses at most unsent marks; the local state still has them
    }
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.pending), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  size(): number {
    return this.pending.length;
  }

  add(mark: RelayMarkInput): void {
    this.pending.push(mark);
    this.save();
    void this.flush();
  }

  /** Sends what is pending; on failure keeps it for the next try. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const run = async (): Promise<void> => {
      // Yield first: this.flushing must be set before the loop can finish and clear it.
      await Promise.resolve();
      try {
        while (this.pending.length > 0) {
          const batch = this.pending.slice(0, 100);
          await this.link.putMarks(batch);
          this.pending = this.pending.slice(batch.length);
          this.save();
        }
      } catch (e) {
        this.log(`team server: ${this.pending.length} marks kept for later (${e instanceof Error ? e.message : String(e)})`);
      } finally {
        this.flushing = null;
      }
    };
    this.flushing = run();
    return this.flushing;
  }
}
