/**
 * The one place that touches the network: one HTTP exchange (undici `request` on a
 * dedicated agent that honours HTTPS_PROXY/HTTP_PROXY/NO_PROXY, or the exchange the host
 * installed with useHttpExchange: Electron's net.fetch in the desktop app), with
 * per-phase timeouts, a response size cap enforced while streaming, and retries with
 * exponential backoff and full jitter for network errors, 5xx and 429 (Retry-After wins).
 * It knows nothing of tokens or envelopes.
 */
import { EnvHttpProxyAgent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { abortable, ambientSignal } from './deadline';
import { BadResponseError, NetworkError, ServerError, TimeoutError, YoumiError } from './errors';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry';

export interface HttpOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** One request, connect to the last byte of the body, whatever trickles. */
  requestDeadlineMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** A Retry-After longer than this is not waited for: the call fails at once. */
  maxRetryAfterMs: number;
  maxResponseBytes: number;
  log: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * False for calls that create something (AddRecordNew): those are retried only when
   * the request cannot have reached the server (refused, no route, connect timeout, 429).
   */
  idempotent: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  text: string;
}

export interface HttpTransport {
  send(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

/** What one exchange returns: the status, the headers (lower-case names) and the body as it streams. */
export interface RawHttpResponse {
  statusCode: number;
  headers: HttpResponse['headers'];
  body: AsyncIterable<Uint8Array> & { on(event: 'error', fn: () => void): unknown; destroy(): unknown };
}

/**
 * One request on the wire, nothing else (no retries, no caps). Failures carry a `code` in
 * the vocabulary classify() knows: system errno names (ECONNREFUSED…) and undici's timeout
 * codes (UND_ERR_CONNECT_TIMEOUT, UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT).
 */
export interface HttpExchange {
  /** `signal` ends the exchange, the body included (a deadline, a stop). */
  send(req: Pick<HttpRequest, 'method' | 'url' | 'headers' | 'body'>, signal?: AbortSignal): Promise<RawHttpResponse>;
  close(): Promise<void>;
}
export type HttpExchangeFactory = (limits: Pick<HttpOptions, 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs'>) => HttpExchange;

let installedExchange: HttpExchangeFactory | null = null;
/** The host's network stack for every transport created from now on (null: undici again). */
export function useHttpExchange(factory: HttpExchangeFactory | null): void {
  installedExchange = factory;
}

/** undici, through the proxy the environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY); direct otherwise. */
export const undiciExchange: HttpExchangeFactory = (limits) => {
  const agent = new EnvHttpProxyAgent({
    connect: { timeout: limits.connectTimeoutMs },
    headersTimeout: limits.headersTimeoutMs,
    bodyTimeout: limits.bodyTimeoutMs,
  });
  return {
    send: (req, signal) =>
      request(req.url, { dispatcher: agent, method: req.method, headers: req.headers, body: req.body ?? null, ...(signal ? { signal } : {}) }),
    close: () => agent.close(),
  };
};

/** Failures that happen before a byte of the request is written. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'response cut short',
  ERR_STREAM_PREMATURE_CLOSE: 'response cut short',
};

/** "POST /v2/Todo/GetChargeDaffairesList": what a message may say about a request (no host credentials, no query). */
export function describeRequest(req: Pick<HttpRequest, 'method' | 'url'>): string {
  try {
    return `${req.method} ${new URL(req.url).pathname}`;
  } catch {
    return req.method;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

function errorCode(e: unknown): string | undefined {
  // undici wraps socket errors; the system code may sit on the cause.
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

interface Classified {
  error: YoumiError;
  retryable: boolean;
  sent: boolean;
}

function classify(e: unknown, req: HttpRequest, opts: HttpOptions): Classified {
  const what = describeRequest(req);
  if (e instanceof YoumiError) return { error: e, retryable: false, sent: true };
  const code = errorCode(e);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { error: new TimeoutError(`${what}: could not connect to ${hostOf(req.url)} within ${opts.connectTimeoutMs} ms`), retryable: true, sent: false };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { error: new TimeoutError(`${what}: no response from ${hostOf(req.url)} within ${opts.headersTimeoutMs} ms`), retryable: true, sent: true };
    case 'UND_ERR_BODY_TIMEOUT':
      return { error: new TimeoutError(`${what}: the response stalled for ${opts.bodyTimeoutMs} ms`), retryable: true, sent: true };
  }
  // llhttp's parser errors (their code is often unset): something answered, but not in HTTP.
  if (code?.startsWith('HPE_') || (e instanceof Error && e.name === 'HTTPParserError')) {
    return { error: new BadResponseError(`${what}: the server did not answer in HTTP`), retryable: false, sent: true };
  }
  // System errno codes (ECONNRESET…) and undici's socket-level ones; other UND_ERR_*/ERR_* are our own bugs.
  if (code !== undefined && (code in NETWORK_WORDS || /^E(?!RR_)[A-Z_]+$/.test(code))) {
    const words = NETWORK_WORDS[code] ?? 'network error';
    return {
      error: new NetworkError(`${what}: cannot reach ${hostOf(req.url)}: ${words} (${code})`),
      retryable: true,
      sent: !NOT_SENT_CODES.has(code),
    };
  }
  throw e;
}

/** The per-request deadline passed: a timeout like any other, and retried like one. */
class DeadlineExceeded extends TimeoutError {}

/** Drops a response body we will not read. undici reports the abort as an error event, which must not go unheard. */
function discard(body: RawHttpResponse['body']): void {
  body.on('error', () => {});
  body.destroy();
}

async function readCapped(body: RawHttpResponse['body'], limit: number, what: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      discard(body);
      throw new BadResponseError(`${what}: the response is larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

export function createHttpTransport(opts: HttpOptions): HttpTransport {
  const exchange = (installedExchange ?? undiciExchange)(opts);

  // close() ends what is in flight at once (agent.close() would wait for it).
  const closing = new AbortController();
  let closed: Promise<void> | null = null;

  // The stop this transport's requests obey: its close, their operation's deadline, the
  // process's stop. Combined once per operation (kept while requests keep coming from the
  // same one), not once per request.
  let stopFor: AbortSignal | null = null;
  let stop = closing.signal;
  function stopSignal(): AbortSignal {
    const ambient = ambientSignal();
    if (ambient !== stopFor) {
      stopFor = ambient;
      stop = AbortSignal.any([closing.signal, ambient]);
    }
    return stop;
  }

  function stopped(stop: AbortSignal, what: string): YoumiError {
    return stop.reason instanceof YoumiError ? stop.reason : new NetworkError(`${what}: stopped`);
  }

  async function attempt(req: HttpRequest): Promise<HttpResponse> {
    const what = describeRequest(req);
    const stop = stopSignal();
    if (stop.aborted) throw stopped(stop, what);
    // One signal per request: its own deadline, or the stop, whichever comes first.
    const ends = new AbortController();
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      ends.abort(new DeadlineExceeded(`${what}: no complete response from ${hostOf(req.url)} within ${opts.requestDeadlineMs} ms`));
    }, opts.requestDeadlineMs);
    timer.unref();
    const onStop = () => ends.abort(stop.reason);
    stop.addEventListener('abort', onStop, { once: true });
    try {
      // abortable: whatever the exchange does with the signal, the call ends when it fires.
      return await abortable(attemptWith(req, what, ends.signal), ends.signal);
    } catch (e) {
      if (stop.aborted) throw stopped(stop, what);
      if (late) throw ends.signal.reason as DeadlineExceeded;
      throw e;
    } finally {
      clearTimeout(timer);
      stop.removeEventListener('abort', onStop);
    }
  }

  async function attemptWith(req: HttpRequest, what: string, signal: AbortSignal): Promise<HttpResponse> {
    const res = await exchange.send(req, signal);
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.maxResponseBytes) {
      discard(res.body);
      throw new BadResponseError(`${what}: the response is larger than ${opts.maxResponseBytes} bytes`);
    }
    if (isRetryableStatus(res.statusCode)) {
      // The body of a 5xx/429 is not needed; dropping the socket is cheaper than draining it.
      discard(res.body);
      return { status: res.statusCode, headers: res.headers, text: '' };
    }
    const text = await readCapped(res.body, opts.maxResponseBytes, what);
    return { status: res.statusCode, headers: res.headers, text };
  }

  async function send(req: HttpRequest): Promise<HttpResponse> {
    const what = describeRequest(req);
    for (let n = 0; ; n++) {
      let failure: Classified;
      let retryAfterMs: number | null = null;
      try {
        const res = await attempt(req);
        if (!isRetryableStatus(res.status)) return res;
        retryAfterMs = parseRetryAfter(res.headers['retry-after'], opts.now());
        const after = retryAfterMs === null ? '' : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
        failure = {
          error: new ServerError(`${what}: the server answered HTTP ${res.status}${after}`, res.status),
          retryable: true,
          sent: res.status !== 429,
        };
      } catch (e) {
        // A stop or the operation's deadline ends the call, never a retry.
        if (e instanceof YoumiError && !(e instanceof DeadlineExceeded)) throw e;
        failure = e instanceof DeadlineExceeded ? { error: e, retryable: true, sent: true } : classify(e, req, opts);
      }
      const allowed = failure.retryable && (req.idempotent || !failure.sent);
      if (!allowed || n >= opts.maxRetries) throw failure.error;
      if (retryAfterMs !== null && retryAfterMs > opts.maxRetryAfterMs) throw failure.error;
      const delay = retryAfterMs ?? backoffDelay(n, opts.retryBaseMs, opts.retryCapMs, opts.random);
      opts.log(`${failure.error.message}; retry ${n + 1}/${opts.maxRetries} in ${delay} ms`);
      await abortable(opts.sleep(delay), stopSignal());
    }
  }

  return {
    send,
    // Once: in flight ends now (the exchange's own close would wait for it); a second
    // close (a stop after a reconnect) finds it closed.
    close: () =>
      (closed ??= (async () => {
        closing.abort(new NetworkError('stopped: the connection was closed'));
        await exchange.close().catch(() => {});
      })()),
  };
}

/** JSON of a response body, or BadResponseError naming the request. */
export function parseJsonBody(res: HttpResponse, what: string): unknown {
  if (res.text.trim() === '') throw new BadResponseError(`${what}: empty response body (HTTP ${res.status})`);
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    throw new BadResponseError(`${what}: the response is not valid JSON (HTTP ${res.status})`);
  }
}
