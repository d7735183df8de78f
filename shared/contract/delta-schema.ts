/**
 * The shape of the snapshot channel's messages (delta.ts), for main's tests and any host
 * that wants to check what it sends. Not imported by the preload or the page bridge, so
 * zod stays out of their bundles.
 */
import { z } from 'zod';
import { todoObjectSchema } from '../todo-schema';

const iso = z.iso.datetime({ offset: true });
const id = z.number().int().positive();

export const todoViewSchema = todoObjectSchema.extend({
  local: z.object({ done: z.boolean(), doneAt: iso.nullable(), snoozedUntil: iso.nullable() }),
  closed: z.object({ reason: z.enum(['handled', 'cancelled', 'gone']), at: iso }).nullable(),
  nextReminderAt: iso.nullable(),
});

const appError = z.object({ kind: z.string(), detail: z.string() }).loose();
const customerInfo = z.object({ wxid: z.string(), nick: z.string().nullable(), remark: z.string().nullable(), wechatNo: z.string().nullable() });
const staffNames = z.record(z.string(), z.object({ name: z.string(), depart: z.string().nullable() }));

const fields = {
  status: z.object({
    state: z.enum(['ok', 'syncing', 'offline', 'auth-failed', 'config-missing', 'error']),
    lastSuccessAt: iso.nullable(),
    lastError: appError.nullable(),
    nextSyncAt: iso.nullable(),
  }),
  reminders: z.object({ pausedUntil: iso.nullable(), quietNow: z.boolean() }),
  demo: z.boolean(),
  staff: z.string().nullable(),
  storageProblem: z.object({ detail: z.string(), movedTo: z.string().nullable() }).nullable().optional(),
  hostProblem: z
    .object({ kind: z.enum(['notifications-failed', 'no-tray']), platform: z.enum(['darwin', 'win32', 'linux', 'other']) })
    .nullable()
    .optional(),
  pending: z
    .array(
      z.object({
        id,
        title: z.string(),
        customer: z.string(),
        accountId: z.number(),
        remindAt: z.string(),
        recipients: z.array(z.string()),
        createdAt: z.string(),
      }),
    )
    .optional(),
  handoffs: z.record(z.string(), z.object({ code: z.string(), name: z.string().nullable() })).optional(),
};

export const snapshotSchema = z
  .object({
    todos: z.array(todoViewSchema),
    ...fields,
    names: z.object({ customers: z.record(z.string(), customerInfo), staff: staffNames }).optional(),
    generatedAt: iso,
  })
  .strict();

export const snapshotDeltaSchema = z
  .object({
    upsert: z.array(todoViewSchema),
    marks: z.array(z.object({ id, local: todoViewSchema.shape.local, closed: todoViewSchema.shape.closed, nextReminderAt: iso.nullable() }).strict()),
    remove: z.array(id),
    fields: z.object(fields).partial().strict(),
    cleared: z.array(z.enum(Object.keys(fields) as [keyof typeof fields, ...(keyof typeof fields)[]])).optional(),
    names: z.object({ customers: z.record(z.string(), customerInfo.nullable()).optional(), staff: staffNames.optional() }).strict().optional(),
    generatedAt: iso,
  })
  .strict();

export const snapshotMessageSchema = z.union([
  z.object({ seq: z.number().int().positive(), full: snapshotSchema }).strict(),
  z.object({ seq: z.number().int().positive(), delta: snapshotDeltaSchema }).strict(),
]);
