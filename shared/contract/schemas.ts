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
const todoId = z.number().int().positive();

export const todoDraftSchema = z
  .object({
    customer: z.string().trim().min(1).max(128),
    accountId: z.number().int().positive(),
    accountKind: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    title: z.string().trim().min(1).max(200),
    content: z.string().max(2000),
    remindAt: snoozeChoiceSchema,
    isAlways: z.boolean(),
    levelName: z.string().max(32).optional(),
    levelColor: z.string().max(16).optional(),
  })
  .strict();

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
  useRelay: z.tuple([z.string().max(2048).regex(/^(https?:\/\/\S+)?$/i), z.string().max(32)]),
  hideWindow: none,
  setPinned: z.tuple([z.boolean()]),
  openConversation: z.tuple([todoId]),
  followUp: z.tuple([todoId, todoDraftSchema]),
  createTodo: z.tuple([todoDraftSchema]),
  handOff: z.tuple([todoId, z.string().trim().min(1).max(64), z.string().max(500)]),
  getHistory: none,
  listColleagues: none,
} satisfies Record<BridgeMethod, z.ZodType>;
