/**
 * YoumiConfig → the settings the client runs on, checked up front so a missing base URL
 * is reported as such and not as a confusing network error later.
 */
import { HEADER_SAFE } from '../../../shared/settings';
import { ConfigError } from './errors';
import type { HttpOptions } from './http';
import { DEFAULT_TOKEN_URL, type YoumiConfig } from './types';

/**
 * Every ConfigError message starts with its setting's label, so a host holding only the
 * AppError (kind + detail) can still tell which setting to point at.
 */
export const SETTING_LABELS = {
  baseUrl: 'base URL',
  tokenUrl: 'token URL',
  clientId: 'client id',
  clientSecret: 'client secret',
  tenantId: 'tenant id',
  staff: 'staff code',
} as const;

export interface ResolvedConfig {
  /** Without a trailing slash; paths are appended as is. */
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  tenantId: string | null;
  pageSize: number;
  http: Omit<HttpOptions, 'log'>;
  log: (line: string) => void;
  now: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function httpUrl(value: string, label: string, setting: 'baseUrl' | 'tokenUrl'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${label} is not a valid URL`, setting);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${label} must start with http:// or https://`, setting);
  }
  if (url.search || url.hash) throw new ConfigError(`${label} must not have a query or fragment`, setting);
  return url.href.replace(/\/+$/, '');
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function whole(v: number | undefined, fallback: number, min: number, max: number, label: string): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(`${label} must be a whole number from ${min} to ${max}`, 'tuning');
  }
  return v;
}


export function resolveConfig(config: Partial<YoumiConfig>): ResolvedConfig {
  const baseUrlText = text(config.baseUrl);
  if (!baseUrlText) throw new ConfigError(`${SETTING_LABELS.baseUrl} is not set`, 'baseUrl');
  const baseUrl = httpUrl(baseUrlText, SETTING_LABELS.baseUrl, 'baseUrl');
  const tokenUrl = httpUrl(text(config.tokenUrl) || DEFAULT_TOKEN_URL, SETTING_LABELS.tokenUrl, 'tokenUrl');
  const clientId = text(config.clientId);
  if (!clientId) throw new ConfigError(`${SETTING_LABELS.clientId} is not set`, 'clientId');
  // The secret is used verbatim: trimming could silently change a valid secret.
  const clientSecret = typeof config.clientSecret === 'string' ? config.clientSecret : '';
  if (!clientSecret.trim()) throw new ConfigError(`${SETTING_LABELS.clientSecret} is not set`, 'clientSecret');
  const tenantId = text(config.tenantId) || null;
  if (tenantId !== null && !HEADER_SAFE.test(tenantId)) {
    throw new ConfigError(`${SETTING_LABELS.tenantId} may only contain visible ASCII characters`, 'tenantId');
  }

  return {
    baseUrl,
    tokenUrl,
    clientId,
    clientSecret,
    tenantId,
    pageSize: whole(config.pageSize, 100, 1, 1000, 'page size'),
    http: {
      connectTimeoutMs: whole(config.connectTimeoutMs, 10_000, 1, 600_000, 'connect timeout'),
      headersTimeoutMs: whole(config.headersTimeoutMs, 15_000, 1, 600_000, 'headers timeout'),
      bodyTimeoutMs: whole(config.bodyTimeoutMs, 30_000, 1, 600_000, 'body timeout'),
      maxRetries: whole(config.maxRetries, 3, 0, 10, 'retry count'),
      retryBaseMs: whole(config.retryBaseMs, 500, 0, 60_000, 'retry base delay'),
      retryCapMs: 30_000,
      maxRetryAfterMs: whole(config.maxRetryAfterMs, 60_000, 0, 3_600_000, 'longest Retry-After'),
      maxResponseBytes: whole(config.maxResponseBytes, 16 * 1024 * 1024, 1024, 1024 ** 3, 'response size cap'),
      sleep: config.sleep ?? defaultSleep,
      now: config.now ?? Date.now,
      random: config.random ?? Math.random,
    },
    log: config.log ?? (() => {}),
    now: config.now ?? Date.now,
  };
}
