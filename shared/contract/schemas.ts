/**
 * Validation of everything the renderer sends to main (IPC or WebSocket). Main imports
 * this; the preload does not, so zod stays out of the sandboxed bundle.
 */
import { z } from 'zod';
import { HHMM, SETTING_MAX_LENGTH as MAX, settingsProblems, type SettingField } from '../settings';
import type { BridgeMethod } from './types';

const todoIds = z.array(z.number().int().positive()).min(1).max(10_000);
const isoTime = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(HHMM);

export const snoozeChoiceSchema = z.union([z.enum(['10m', '1h', 'tomorrow']), isoTime]);
export const pauseChoiceSchema = z.union([z.enum(['30m', '1h', 'tomorrow', 'off']), isoTime]);


export const settingsPatchSchema = z
  .object({
    baseUrl: z.string().max(MAX.baseUrl),
    tokenUrl: z.string().max(MAX.tokenUrl),
    clientId: z.string().max(MAX.clientId),
    clientSecret: z.string().max(MAX.clientSecret),
    tenantId: z.string().max(MAX.tenantId),
    staffCode: z.string().max(MAX.staffCode),
    pollIntervalSec: z.number(),
    repeatIntervalMin: z.number(),
    quietHours: z.object({ enabled: z.boolean(), start: hhmm, end: hhmm }).strict(),
    launchAtLogin: z.boolean(),
    sound: z.boolean(),
    language: z.enum(['system', 'zh-CN', 'en']),
    theme: z.enum(['system', 'light', 'dark']),
    mode: z.enum(['unset', 'demo', 'account']),
  })
  .partial()
  .strict()
  // Values by shared/settings.ts's rules; each issue names its field and the problem key,
  // so the form can show it next to the field (dispatch passes both on).
  .superRefine((patch, ctx) => {
    for (const [field, problem] of Object.entries(settingsProblems(patch))) {
      const path: (SettingField | 'start' | 'end')[] = field === 'quietStart' ? ['quietHours', 'start'] : field === 'quietEnd' ? ['quietHours', 'end'] : [field as SettingField];
      ctx.addIssue({ code: 'custom', path, message: problem });
    }
  });

const none = z.tuple([]);

/** Argument tuples per bridge method. */
export const bridgeArgSchemas = {
  getSnapshot: none,
  markDone: z.tuple([todoIds]),
  undoDone: z.tuple([todoIds]),
  snooze: z.tuple([todoIds, snoozeChoiceSchema]),
  refresh: none,
  pause: z.tuple([pauseChoiceSchema]),
  getSettings: none,
  saveSettings: z.tuple([settingsPatchSchema]),
  testConnection: z.tuple([settingsPatchSchema]),
  listStaff: z.tuple([settingsPatchSchema]),
  useDemo: none,
  hideWindow: none,
  setPinned: z.tuple([z.boolean()]),
  openExternal: z.tuple([z.string().max(2048).regex(/^https?:\/\//i)]),
} satisfies Record<BridgeMethod, z.ZodType>;
