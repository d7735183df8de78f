import type { TFunction } from 'i18next';
import type { TimeFormat } from '../hooks/useTimeFormat';

/**
 * Translation and time formatting handed to every row by the list: one useTranslation for
 * the whole list instead of several per row (each hook instance costs a wrapper object).
 */
export interface RowText {
  t: TFunction;
  fmt: TimeFormat;
}
