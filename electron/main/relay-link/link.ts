/**
 * The desktop's connection to a team relay (relay/): sign in with an enrolment code,
 * read this staff member's todos, send marks, and follow the push stream. The relay
 * scopes everything to the device token, so no staff code is ever sent.
 */
import { Agent, request } from 'undici';
import { z } from 'zod';
import type { Todo } from '../../../shared/todo';
import { AuthError, BadResponseError, NetworkError } from '../api/errors';
import { SseParser } from './sse';

/** A shared mark as the relay sends it (relay/src/marks.ts); checked where it arrives on the stream. */
const relayMarkSchema = z.object({
  todoId: z.number().int(),
  kind: z.enum(['done', 'undo', 'snooze', 'handoff']),
  done: z.boolean(),
  snoozedUntil: z.string().nullable(),
  handedTo: z.string().nullable(),
  at: z.string(),
  deviceId: z.number().int(),
});
export type RelayMark = z.infer<typeof relayMarkSchema>;
export interface RelayMarkInput {
  todoId: number;
  kind: RelayMark['kind'];
  until?: string;
  to?: string;
  clientAt?: string;
}

export type StreamMessage =
  | { type: 'snapshot'; eventId: number; todos: Todo[]; marks: RelayMark[] }
  | { type: 'todo'; eventId: number; todo: Todo }
  | { type: 'remove'; eventId: number; id: number; reason: string }
  | { type: 'mark'; eventId: number; mark: RelayMark }
  | { type: 'resumed'; from: number }
  | { type: 'closed'; reason: string };

export interface StreamHandle {
  /** The last event id received (resume from here). */
  lastEventId(): number | null;
  close(): void;
  /** Resolves when the stream ends (closed by either side, or broken). */
  done: Promise<void>;
}

const agent = new Agent({ connect: { timeout: 10_000 }, headersTimeout: 15_000, keepAliveTimeout: 10_000 });

function base(url: string): string {
  return url.replace(/\/+$/, '');
}

async function call<T>(url: string, path: string, init: { method?: 'GET' | 'POST'; token?: string; body?: unknown } = {}): Promise<T> {
  let res;
  try {
    res = await request(`${base(url)}${path}`, {
      dispatcher: agent,
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body === undefined ? null : JSON.stringify(init.body),
      bodyTimeout: 30_000,
    });
  } catch (e) {
    throw new NetworkError(`team server ${base(url)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const text = await res.body.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadResponseError(`team server ${path}: the response is not JSON (HTTP ${res.statusCode})`);
  }
  const error = (body as { error?: unknown }).error;
  if (res.statusCode === 401) throw new AuthError(`team server: ${typeof error === 'string' ? error : 'not signed in'}`);
  if (res.statusCode === 404 && path.startsWith('/v1/todos/')) return null as T;
  if (res.statusCode >= 400) throw new BadResponseError(`team server ${path}: ${typeof error === 'string' ? error : `HTTP ${res.statusCode}`}`);
  return body as T;
}

export interface RelayLink {
  readonly url: string;
  snapshot(): Promise<{ eventId: number; todos: Todo[]; marks: RelayMark[] }>;
  getTodo(id: number): Promise<Todo | null>;
  putMarks(marks: RelayMarkInput[]): Promise<RelayMark[]>;
  me(): Promise<{ staff: string; deviceId: number }>;
  stream(onMessage: (m: StreamMessage) => void, opts?: { lastEventId?: number | null; idleMs?: number }): StreamHandle;
}

/** Exchanges a one-time enrolment code for this device's token. */
export async function enrolDevice(url: string, code: string, device: string): Promise<{ token: string; staff: string; deviceId: number }> {
  return call(url, '/v1/enroll', { method: 'POST', body: { code, device } });
}

export function relayLink(url: string, token: string): RelayLink {
  return {
    url,
    snapshot: () => call(url, '/v1/todos', { token }),
    getTodo: async (id) => (await call<{ todo: Todo } | null>(url, `/v1/todos/${id}`, { token }))?.todo ?? null,
    putMarks: async (marks) => (await call<{ marks: RelayMark[] }>(url, '/v1/marks', { method: 'POST', token, body: { marks } })).marks,
    me: () => call(url, '/v1/me', { token }),
    stream(onMessage, opts = {}) {
      const ctl = new AbortController();
      let last: number | null = opts.lastEventId ?? null;
      const idleMs = opts.idleMs ?? 45_000;
      let idle: ReturnType<typeof setTimeout> | null = null;
      // Keep-alives arrive every 15 s; silence for idleMs means the connection is dead.
      const touch = (): void => {
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => ctl.abort(), idleMs);
        idle.unref?.();
      };
      const done = (async () => {
        touch();
        try {
          const res = await request(`${base(url)}/v1/stream`, {
            dispatcher: agent,
            headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...(last !== null ? { 'last-event-id': String(last) } : {}) },
            signal: ctl.signal,
            bodyTimeout: 0,
          });
          if (res.statusCode === 401) {
            await res.body.text().catch(() => {});
            onMessage({ type: 'closed', reason: 'unauthorized' });
            return;
          }
          if (res.statusCode !== 200) {
            await res.body.text().catch(() => {});
            return;
          }
          const parser = new SseParser();
          res.body.setEncoding('utf8');
          for await (const chunk of res.body) {
            touch();
            for (const f of parser.push(chunk as string)) {
              const data = f.data ? (JSON.parse(f.data) as Record<string, unknown>) : {};
              const id = f.id !== null && /^\d+$/.test(f.id) ? Number(f.id) : null;
              if (id !== null && f.event !== 'resumed' && f.event !== 'closed') last = id;
              const eventId = id ?? last ?? 0;
              if (f.event === 'snapshot') onMessage({ type: 'snapshot', eventId, todos: data.todos as Todo[], marks: data.marks as RelayMark[] });
              else if (f.event === 'todo') onMessage({ type: 'todo', eventId, todo: data.todo as Todo });
              else if (f.event === 'remove') onMessage({ type: 'remove', eventId, id: Number(data.id), reason: String(data.reason) });
              else if (f.event === 'mark') {
                // A mark the relay got wrong is left out rather than applied half-read.
                const mark = relayMarkSchema.safeParse(data);
                if (mark.success) onMessage({ type: 'mark', eventId, mark: mark.data });
              }
              else if (f.event === 'resumed') onMessage({ type: 'resumed', from: Number(data.from) });
              else if (f.event === 'closed') onMessage({ type: 'closed', reason: String(data.reason) });
            }
          }
        } catch {
          // aborted, reset or refused: the caller reconnects with lastEventId()
        } finally {
          if (idle) clearTimeout(idle);
        }
      })();
      return { lastEventId: () => last, close: () => ctl.abort(), done };
    },
  };
}
