/**
 * A minimal server-sent-events reader for Node (no EventSource in Node 20): frames of
 * `id:`/`event:`/`data:` lines separated by a blank line; comments (`:`) are keep-alives.
 */
export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
}

export class SseParser {
  private buf = '';
  private id: string | null = null;
  private event = '';
  private data: string[] = [];

  /** Feeds text; returns the frames it completed. */
  push(text: string): SseFrame[] {
    this.buf += text;
    const out: SseFrame[] = [];
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).replace(/\r$/, '');
      this.buf = this.buf.slice(nl + 1);
      if (line === '') {
        if (this.data.length > 0 || this.event) out.push({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') this.id = value;
      else if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }
}
