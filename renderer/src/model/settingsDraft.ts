import type { Language, PublicSettings, SettingsPatch, Theme } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import { settingsProblems, type SettingProblem } from '../../../shared/settings';

/** The settings form as typed: strings for numbers, the secret only as typed (never pre-filled). */
export interface Draft {
  mode: PublicSettings['mode'];
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  /** What the user typed; empty means "keep the stored secret". */
  clientSecret: string;
  clearSecret: boolean;
  tenantId: string;
  staffCode: string;
  pollIntervalSec: string;
  repeatIntervalMin: string;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  launchAtLogin: boolean;
  sound: boolean;
  language: Language;
  theme: Theme;
}

export type DraftField = keyof Draft;
export type DraftErrorKey = SettingProblem;
export type DraftErrors = Partial<Record<DraftField, DraftErrorKey>>;

export function draftFrom(settings: PublicSettings, intent: 'account' | null): Draft {
  return {
    mode: intent === 'account' ? 'account' : settings.mode,
    baseUrl: settings.baseUrl,
    tokenUrl: settings.tokenUrl,
    clientId: settings.clientId,
    clientSecret: '',
    clearSecret: false,
    tenantId: settings.tenantId,
    staffCode: settings.staffCode,
    pollIntervalSec: String(settings.pollIntervalSec),
    repeatIntervalMin: String(settings.repeatIntervalMin),
    quietEnabled: settings.quietHours.enabled,
    quietStart: settings.quietHours.start,
    quietEnd: settings.quietHours.end,
    launchAtLogin: settings.launchAtLogin,
    sound: settings.sound,
    language: settings.language,
    theme: settings.theme,
  };
}

/** A whole number as typed, or NaN (which every limit rejects). */
const whole = (value: string): number => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN);

/** shared/settings.ts's rules (main applies the same before saving), so errors show next to the field. */
export function validateDraft(d: Draft): DraftErrors {
  return settingsProblems({
    baseUrl: d.baseUrl,
    tokenUrl: d.tokenUrl,
    clientId: d.clientId,
    clientSecret: d.clientSecret,
    tenantId: d.tenantId,
    staffCode: d.staffCode,
    pollIntervalSec: whole(d.pollIntervalSec),
    repeatIntervalMin: whole(d.repeatIntervalMin),
    quietHours: { enabled: d.quietEnabled, start: d.quietStart, end: d.quietEnd },
  });
}

/** A setting main rejected, as the error of the form field that holds it. */
export function fieldError(error: AppError): DraftErrors {
  const s = error.setting;
  if (!s) return {};
  return { [s.field]: s.problem } as DraftErrors;
}

export function hasAccountErrors(errors: DraftErrors): boolean {
  return errors.baseUrl !== undefined || errors.tokenUrl !== undefined || errors.tenantId !== undefined;
}

/** Account fields that differ from the saved settings, plus the secret only when typed (or cleared). */
export function accountPatch(d: Draft, s: PublicSettings): SettingsPatch {
  const patch: SettingsPatch = {};
  const text = { baseUrl: d.baseUrl, tokenUrl: d.tokenUrl, clientId: d.clientId, tenantId: d.tenantId, staffCode: d.staffCode };
  for (const key of Object.keys(text) as Array<keyof typeof text>) {
    const value = text[key].trim();
    if (value !== s[key]) patch[key] = value;
  }
  if (d.clearSecret) patch.clientSecret = '';
  else if (d.clientSecret.length > 0) patch.clientSecret = d.clientSecret;
  return patch;
}

/** Everything that changed. Call only when validateDraft found nothing. */
export function fullPatch(d: Draft, s: PublicSettings): SettingsPatch {
  const patch = accountPatch(d, s);
  if (d.mode !== s.mode) patch.mode = d.mode;
  const poll = Number(d.pollIntervalSec.trim());
  const repeat = Number(d.repeatIntervalMin.trim());
  if (poll !== s.pollIntervalSec) patch.pollIntervalSec = poll;
  if (repeat !== s.repeatIntervalMin) patch.repeatIntervalMin = repeat;
  const quiet = { enabled: d.quietEnabled, start: d.quietStart, end: d.quietEnd };
  if (quiet.enabled !== s.quietHours.enabled || quiet.start !== s.quietHours.start || quiet.end !== s.quietHours.end) patch.quietHours = quiet;
  if (d.launchAtLogin !== s.launchAtLogin) patch.launchAtLogin = d.launchAtLogin;
  if (d.sound !== s.sound) patch.sound = d.sound;
  if (d.language !== s.language) patch.language = d.language;
  if (d.theme !== s.theme) patch.theme = d.theme;
  return patch;
}
