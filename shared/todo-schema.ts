/**
 * The zod shape of a normalised Todo (shared/todo.ts): one definition for the state file's
 * cached list (electron/main/service/state-schema.ts) and the bridge's snapshot messages
 * (shared/contract/delta-schema.ts).
 */
import { z } from 'zod';
import type { Todo } from './todo';

/** Any time Date.parse reads: the list is ours, normalised by api/parse.ts. */
const isoOrNull = z
  .string()
  .refine((s) => Number.isFinite(Date.parse(s)), 'not a time')
  .nullable();

export const todoObjectSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  content: z.string().nullable(),
  remindAt: isoOrNull,
  isAlways: z.boolean(),
  state: z.enum(['open', 'handled', 'cancelled', 'unknown']),
  stateCode: z.number().nullable(),
  recipients: z.array(z.string()),
  customer: z.string().nullable(),
  creator: z.string().nullable(),
  merchantId: z.string().nullable(),
  account: z.object({
    id: z.number().nullable(),
    wechatNo: z.string().nullable(),
    nick: z.string().nullable(),
    kind: z.enum(['wechat', 'official', 'miniprogram', 'wecom', 'unknown']),
  }),
  level: z.object({ name: z.string().nullable(), color: z.string().nullable() }),
  completion: z.enum(['manual', 'contact', 'like-moments', 'comment-moments', 'unknown']),
  createdAt: z.string().nullable(),
});

export const todoSchema: z.ZodType<Todo> = todoObjectSchema;
