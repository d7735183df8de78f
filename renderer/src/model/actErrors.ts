import type { TFunction } from 'i18next';
import type { AppError } from '../../../shared/errors';
import { translateError } from './errors';

const ACT_CODES = ['200008', '200009', '200010', '200014', '200018'] as const;
type ActCode = (typeof ACT_CODES)[number];
const isActCode = (c: string): c is ActCode => (ACT_CODES as readonly string[]).includes(c);

/** Errors of 去跟进 / 再跟进 / 转交: the codes these endpoints document, else the general line. */
export function actError(t: TFunction, error: AppError): string {
  const code = String(error.code);
  if (error.kind === 'business' && isActCode(code)) return t(`act.errors.${code}`);
  if (error.kind === 'invalid-request' && /no account is connected/.test(error.detail)) return t('act.errors.noAccount');
  if (error.kind === 'invalid-request' && /in the past|already passed/.test(error.detail)) return t('act.pastTime');
  return translateError(t, error);
}
