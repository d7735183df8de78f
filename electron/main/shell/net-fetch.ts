/**
 * The HTTP exchange of the desktop app: Electron's net.fetch in the main process, which
 * uses Chromium's network stack, so API calls follow the system proxy settings, PAC files
 * and the OS certificate store (net.md), where undici in Node would see none of them and a
 * staff member behind a corporate proxy would only ever be "offline".
 *
 * net.fetch has no per-phase timeouts, so they are kept here with an AbortController; and
 * it fails with `new Error('net::ERR_…')` (lib/common/api/net-client-request.ts), so the
 * Chromium error names are mapped to the codes the transport classifies (api/http.ts).
 */
import { net } from 'electron';
import { Readable } from 'node:stream';
import type { HttpExchangeFactory, RawHttpResponse } from '../api/http';

const NET_TO_CODE: Record<string, string> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'UND_ERR_SOCKET',
  ERR_CONNECTION_ABORTED: 'ECONNRESET',
  ERR_EMPTY_RESPONSE: 'UND_ERR_SOCKET',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_NETWORK_CHANGED: 'ECONNRESET',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_CONNECTION_TIMED_OUT: 'UND_ERR_CONNECT_TIMEOUT',
  ERR_TIMED_OUT: 'UND_ERR_HEADERS_TIMEOUT',
  ERR_CONTENT_LENGTH_MISMATCH: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
};

/** `net::ERR_PROXY_CONNECTION_FAILED` → an Error with code EPROXY_CONNECTION_FAILED (a network error, named). */
export function netError(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  const m = /net::(ERR_[A-Z0-9_]+)/.exec(message);
  if (!m) return e instanceof Error ? e : new Error(message);
  const name = m[1]!;
  return Object.assign(new Error(message), { code: NET_TO_CODE[name] ?? `E${name.slice('ERR_'.length)}`, cause: e });
}

const timeoutError = (code: string, message: string) => Object.assign(new Error(message), { code });

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export function netFetchExchange(fetchImpl: Fetch = (url, init) => net.fetch(url, init)): HttpExchangeFactory {
  return (limits) => {
    const open = new Set<AbortController>();
    return {
      async send(req): Promise<RawHttpResponse> {
        const abort = new AbortController();
        open.add(abort);
        // Connecting and waiting for the headers share one deadline: net.fetch reports no phases.
        const headersMs = limits.connectTimeoutMs + limits.headersTimeoutMs;
        let timedOut: Error | null = null;
        const headersTimer = setTimeout(() => {
          timedOut = timeoutError('UND_ERR_HEADERS_TIMEOUT', `no response within ${headersMs} ms`);
          abort.abort(timedOut);
        }, headersMs);
        let res: Response;
        try {
          res = await fetchImpl(req.url, {
            method: req.method,
            headers: req.headers,
            ...(req.body === undefined ? {} : { body: req.body }),
            signal: abort.signal,
            credentials: 'omit', // no cookies of the app's session on API calls
            cache: 'no-store',
          });
        } catch (e) {
          open.delete(abort);
          throw timedOut ?? netError(e);
        } finally {
          clearTimeout(headersTimer);
        }
        const headers: RawHttpResponse['headers'] = {};
        res.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        const body = res.body ? Readable.fromWeb(res.body as import('node:stream/web').ReadableStream) : Readable.from([]);
        // A body that stalls for bodyTimeoutMs between chunks fails like undici's body timeout.
        let idle: NodeJS.Timeout | null = null;
        const arm = () => {
          if (idle) clearTimeout(idle);
          idle = setTimeout(() => {
            const err = timeoutError('UND_ERR_BODY_TIMEOUT', `the response stalled for ${limits.bodyTimeoutMs} ms`);
            abort.abort(err);
            body.destroy(err);
          }, limits.bodyTimeoutMs);
        };
        const done = () => {
          if (idle) clearTimeout(idle);
          open.delete(abort);
        };
        arm();
        // No 'data' listener: it would switch the stream to flowing and lose what the reader has not taken.
        body.on('close', done);
        body.on('error', done);
        return { statusCode: res.status, headers, body: mapErrors(body, arm) };
      },
      async close() {
        for (const a of open) a.abort(new Error('transport closed'));
        open.clear();
      },
    };
  };
}

/** The body as an async iterable whose failures carry our codes; on/destroy reach the stream. */
function mapErrors(body: Readable, onChunk: () => void): RawHttpResponse['body'] {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of body) {
          onChunk();
          yield chunk as Uint8Array;
        }
      } catch (e) {
        throw (e as { code?: unknown }).code ? e : netError(e);
      }
    },
    on: (event, fn) => body.on(event, fn),
    destroy: () => body.destroy(),
  };
}
