/**
 * Validation of everything the renderer sends to main (IPC or WebSocket). Main imports
 * this; the preload does not, so zod stays out of the sandboxed bundle.
 */
import { z } from 'zod';
import type { BridgeMethod } from './types';

const todoIds = z.array(z.number().int().positive()).min(1).max(10_000);
const isoTime = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const snoozeChoiceSchema = z.union([z.enum(['10m', '1h', 'tomorrow']), isoTime]);
export const pauseChoiceSchema = z.union([z.enum(['30m', '1h', 'tomorrow', 'off']), isoTime]);

const httpUrlOrEmpty = z
  .string()
  .max(2048)
  .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'must be an http(s) URL');

export const settingsPatchSchema = z
  .object({
    baseUrl: httpUrlOrEmpty,
    tokenUrl: httpUrlOrEmpty,
    clientId: z.string().max(256),
    clientSecret: z.string().max(1024),
    tenantId: z.string().max(128),
    staffCode: z.string().max(64),
    pollIntervalSec: z.number().int().min(15).max(3600),
    repeatIntervalMin: z.number().int().min(1).max(24 * 60),
    quietHours: z.object({ enabled: z.boolean(), start: hhmm, end: hhmm }).strict(),
    launchAtLogin: z.boolean(),
    sound: z.boolean(),
    language: z.enum(['system', 'zh-CN', 'en']),
    theme: z.enum(['system', 'light', 'dark']),
    mode: z.enum(['unset', 'demo', 'account']),
  })
  .partial()
  .strict();

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
  useRelay: z.tuple([httpUrlOrEmpty, z.string().max(32)]),
  hideWindow: none,
  setPinned: z.tuple([z.boolean()]),
  openExternal: z.tuple([z.string().max(2048).regex(/^https?:\/\//i)]),
  openConversation: z.tuple([todoId]),
  followUp: z.tuple([todoId, todoDraftSchema]),
  createTodo: z.tuple([todoDraftSchema]),
  handOff: z.tuple([todoId, z.string().trim().min(1).max(64), z.string().max(500)]),
  getHistory: none,
  listColleagues: none,
} satisfies Record<BridgeMethod, z.ZodType>;
