/**
 * Injected faults: the misbehaviour a hardened client must survive (slow answers,
 * 5xx/429, broken JSON, business errors, 401s, dropped sockets, oversized bodies).
 */
import type { ServerResponse } from 'node:http';
import { errorEnvelope, okEnvelope } from './envelope';
import { sendEmpty, sendJson, sendText } from './http-io';
import type { Fault } from './types';

interface Queued {
  fault: Fault;
  left: number;
}

const KINDS = new Set(['latency', 'status', 'malformed-json', 'business', 'unauthorized', 'reset', 'huge']);
const MAX_HUGE_BYTES = 1024 * 1024 * 1024;

function isCount(v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/**
 * Checks a fault that may come from JSON (admin HTTP API). JSON cannot carry
 * Infinity, so `times: null` or `"Infinity"` mean "until cleared" there.
 */
export function validateFault(input: unknown): Fault {
  if (typeof input !== 'object' || input === null) throw new TypeError('fault must be an object');
  const f = { ...(input as Record<string, unknown>) };
  if (typeof f['kind'] !== 'string' || !KINDS.has(f['kind'])) throw new TypeError(`unknown fault kind: ${String(f['kind'])}`);
  if (f['path'] !== undefined && (typeof f['path'] !== 'string' || !f['path'].startsWith('/'))) {
    throw new TypeError('fault path must start with /');
  }
  if (f['times'] === null || f['times'] === 'Infinity') f['times'] = Infinity;
  if (f['times'] !== undefined && f['times'] !== Infinity && !isCount(f['times'], 1)) {
    throw new TypeError('fault times must be a positive integer or Infinity');
  }
  switch (f['kind']) {
    case 'latency':
      if (!isCount(f['ms'], 0, 600_000)) throw new TypeError('latency ms must be an integer 0..600000');
      break;
    case 'status':
      if (!isCount(f['status'], 100, 599)) throw new TypeError('status must be an HTTP status 100..599');
      if (f['retryAfterSec'] !== undefined && !isCount(f['retryAfterSec'], 0)) throw new TypeError('retryAfterSec must be a non-negative integer');
      break;
    case 'business':
      if (!isCount(f['errmsg'], 0)) throw new TypeError('errmsg must be a non-negative integer');
      if (f['errdesc'] !== undefined && typeof f['errdesc'] !== 'string') throw new TypeError('errdesc must be a string');
      break;
    case 'huge':
      if (!isCount(f['bytes'], 0, MAX_HUGE_BYTES)) throw new TypeError(`huge bytes must be an integer 0..${MAX_HUGE_BYTES}`);
      break;
  }
  return f as Fault;
}

export class FaultQueue {
  private queue: Queued[] = [];

  inject(fault: Fault): void {
    const valid = validateFault(fault);
    this.queue.push({ fault: valid, left: valid.times ?? 1 });
  }

  clear(): void {
    this.queue = [];
  }

  /**
   * Consumes what applies to one request: the first matching latency fault (a
   * delay before answering) and the first matching fault of any other kind (which
   * replaces the answer). So "slow, then 503" can be set up as two faults.
   */
  take(path: string): { delayMs: number; fault: Fault | null } {
    const lower = path.toLowerCase();
    const applies = (q: Queued): boolean => q.left > 0 && (q.fault.path === undefined || q.fault.path.toLowerCase() === lower);
    const latency = this.queue.find((q) => q.fault.kind === 'latency' && applies(q));
    const other = this.queue.find((q) => q.fault.kind !== 'latency' && applies(q));
    for (const q of [latency, other]) if (q) q.left -= 1;
    this.queue = this.queue.filter((q) => q.left > 0);
    return {
      delayMs: latency?.fault.kind === 'latency' ? latency.fault.ms : 0,
      fault: other?.fault ?? null,
    };
  }
}

/** Answers a request with the fault instead of the real response; returns the status written (0 = none). */
export async function respondWithFault(fault: Fault, res: ServerResponse, path: string, nowMs: number): Promise<number> {
  switch (fault.kind) {
    case 'latency':
      return 0; // never stored as the answering fault
    case 'status': {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSec !== undefined) headers['Retry-After'] = String(fault.retryAfterSec);
      return sendText(res, fault.status, `simulated HTTP ${fault.status}`, headers);
    }
    case 'unauthorized':
      return sendEmpty(res, 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"', 'Content-Length': '0' });
    case 'business':
      return sendJson(res, 200, errorEnvelope(nowMs, fault.errmsg, fault.errdesc));
    case 'malformed-json': {
      const whole = path.toLowerCase() === '/connect/token'
        ? JSON.stringify({ access_token: 'x'.repeat(32), token_type: 'Bearer', expires_in: 7200 })
        : JSON.stringify(okEnvelope(nowMs, [{ id: 3626, weixin: 'wxid_cdh8t1ajl8qm22', remindTitle: '回访客户' }]));
      const cut = whole.slice(0, Math.floor(whole.length * 0.6));
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(cut)) });
      res.end(cut);
      return 200;
    }
    case 'reset':
      res.socket?.destroy();
      return 0;
    case 'huge':
      await streamHuge(res, fault.bytes, nowMs);
      return 200;
  }
}

/**
 * Valid JSON of exactly `bytes` bytes when that is long enough to hold an envelope,
 * so only a size cap (not a parse error) can stop it. Sent chunked with no
 * Content-Length: the client has to count while reading, not trust a header.
 */
async function streamHuge(res: ServerResponse, bytes: number, nowMs: number): Promise<void> {
  const head = JSON.stringify(okEnvelope(nowMs, [])).replace(/"errdesc":null}$/, '"errdesc":"');
  const tail = '"}';
  const fill = bytes - Buffer.byteLength(head) - tail.length;
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  if (fill < 0) {
    res.end('x'.repeat(bytes));
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const write = (data: Buffer | string): Promise<void> =>
    new Promise((resolve) => {
      if (res.destroyed) return resolve();
      if (res.write(data)) return resolve();
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  await write(head);
  let left = fill;
  while (left > 0 && !res.destroyed) {
    const n = Math.min(left, chunk.length);
    await write(n === chunk.length ? chunk : chunk.subarray(0, n));
    left -= n;
  }
  if (!res.destroyed) res.end(tail);
}
