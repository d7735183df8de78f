import type { zhCN } from './zh-CN';

/** The shape of the zh-CN messages with every leaf widened to string: what en.ts must satisfy. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
