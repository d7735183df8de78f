/**
 * Every setting's default, limits and validation, in one place. The contract's schema, the
 * app (before anything is saved), the service, the window's settings form and the CLI all
 * ask here, so a value the form accepts is one the client can use, and a value the client
 * would refuse is never saved.
 */
import type { PublicSettings, SettingsPatch } from './contract/types';

export const DEFAULT_TOKEN_URL = 'https://sso.yunshouzhi.net/connect/token';

export const SETTING_LIMITS = {
  /** Seconds between polls: the API's rate limit wants at least 15. */
  pollIntervalSec: { min: 15, max: 3600 },
  /** Minutes between repeats of an "always remind" todo. */
  repeatIntervalMin: { min: 1, max: 24 * 60 },
} as const;

/** Longest accepted text per field (anything longer is not a real value). */
export const SETTING_MAX_LENGTH = {
  baseUrl: 2048,
  tokenUrl: 2048,
  clientId: 256,
  clientSecret: 1024,
  tenantId: 128,
  staffCode: 64,
} as const;

export type SavedSettings = Omit<PublicSettings, 'clientSecretSet' | 'secretStorage' | 'relay'>;

export const DEFAULT_SETTINGS: SavedSettings = {
  baseUrl: '',
  tokenUrl: DEFAULT_TOKEN_URL,
  clientId: '',
  tenantId: '',
  staffCode: '',
  pollIntervalSec: 60,
  repeatIntervalMin: 10,
  quietHours: { enabled: false, start: '22:00', end: '08:00' },
  launchAtLogin: false,
  sound: true,
  language: 'system',
  theme: 'system',
  mode: 'unset',
};

/** What is wrong with a value; the window shows `settings.errors.<key>` next to the field. */
const PROBLEMS = ['url', 'urlQuery', 'pollInterval', 'repeatInterval', 'time', 'tenantId', 'staffCode', 'tooLong'] as const;
export type SettingProblem = (typeof PROBLEMS)[number];
export const isSettingProblem = (s: string): s is SettingProblem => (PROBLEMS as readonly string[]).includes(s);

export type SettingField = keyof SettingsPatch;

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Header values: visible ASCII only, so nothing can smuggle a second header line. */
export const HEADER_SAFE = /^[\x21-\x7e]*$/;

/** An http(s) URL the client can call, or '' (not set). The client trims it. */
export function urlProblem(value: string): SettingProblem | null {
  const v = value.trim();
  if (v === '') return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return 'url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url';
  if (url.search || url.hash) return 'urlQuery';
  return null;
}

/** The tenant id travels in a header: visible ASCII only. */
export function tenantIdProblem(value: string): SettingProblem | null {
  return HEADER_SAFE.test(value.trim()) ? null : 'tenantId';
}

/** A staff code is one word (the client trims it; a blank or control character inside never matches). */
export function staffCodeProblem(value: string): SettingProblem | null {
  const v = value.trim();
  return /[\s\p{Cc}\p{Cf}]/u.test(v) ? 'staffCode' : null;
}

function wholeIn(n: number, limit: { min: number; max: number }): boolean {
  return Number.isInteger(n) && n >= limit.min && n <= limit.max;
}

/** Every problem of a patch, by field (quietHours: by its start/end). Empty when it may be saved. */
export function settingsProblems(p: SettingsPatch): Partial<Record<SettingField | 'quietStart' | 'quietEnd', SettingProblem>> {
  const out: Partial<Record<SettingField | 'quietStart' | 'quietEnd', SettingProblem>> = {};
  for (const key of Object.keys(SETTING_MAX_LENGTH) as (keyof typeof SETTING_MAX_LENGTH)[]) {
    const v = p[key];
    if (typeof v === 'string' && v.length > SETTING_MAX_LENGTH[key]) out[key] = 'tooLong';
  }
  const set = (key: SettingField, problem: SettingProblem | null) => {
    if (problem && !out[key]) out[key] = problem;
  };
  if (p.baseUrl !== undefined) set('baseUrl', urlProblem(p.baseUrl));
  if (p.tokenUrl !== undefined) set('tokenUrl', urlProblem(p.tokenUrl));
  if (p.tenantId !== undefined) set('tenantId', tenantIdProblem(p.tenantId));
  if (p.staffCode !== undefined) set('staffCode', staffCodeProblem(p.staffCode));
  if (p.pollIntervalSec !== undefined && !wholeIn(p.pollIntervalSec, SETTING_LIMITS.pollIntervalSec)) out.pollIntervalSec = 'pollInterval';
  if (p.repeatIntervalMin !== undefined && !wholeIn(p.repeatIntervalMin, SETTING_LIMITS.repeatIntervalMin)) out.repeatIntervalMin = 'repeatInterval';
  if (p.quietHours) {
    if (!HHMM.test(p.quietHours.start)) out.quietStart = 'time';
    if (!HHMM.test(p.quietHours.end)) out.quietEnd = 'time';
  }
  return out;
}

const CHOICES: Partial<Record<keyof SavedSettings, readonly string[]>> = {
  language: ['system', 'zh-CN', 'en'],
  theme: ['system', 'light', 'dark'],
  mode: ['unset', 'demo', 'account'],
};

function take<K extends keyof SavedSettings>(out: SavedSettings, key: K, v: unknown): void {
  if (typeof v !== typeof DEFAULT_SETTINGS[key]) return;
  const choices = CHOICES[key];
  if (choices && !choices.includes(v as string)) return;
  // A value saved before the rules tightened (or edited by hand) falls back to the default.
  if (settingsProblems({ [key]: v })[key] !== undefined) return;
  out[key] = v as SavedSettings[K];
}

/** Whatever the state file held, keeping only well-typed, valid known keys (others: default). */
export function readSavedSettings(raw: unknown): SavedSettings {
  const out: SavedSettings = { ...DEFAULT_SETTINGS, quietHours: { ...DEFAULT_SETTINGS.quietHours } };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const q = r.quietHours;
  if (q && typeof q === 'object') {
    const qh = q as Record<string, unknown>;
    if (typeof qh.enabled === 'boolean') out.quietHours.enabled = qh.enabled;
    if (typeof qh.start === 'string' && HHMM.test(qh.start)) out.quietHours.start = qh.start;
    if (typeof qh.end === 'string' && HHMM.test(qh.end)) out.quietHours.end = qh.end;
  }
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SavedSettings)[]) {
    if (key !== 'quietHours') take(out, key, r[key]);
  }
  return out;
}

