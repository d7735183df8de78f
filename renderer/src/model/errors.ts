import type { TFunction } from 'i18next';
import type { AppError } from '../../../shared/errors';

/** One line in the user's language: what is wrong and how to fix it. Never shows `detail`. */
export function translateError(t: TFunction, error: AppError): string {
  switch (error.kind) {
    case 'config':
      return t('errors.config');
    case 'auth':
      return t('errors.auth');
    case 'network':
      return t('errors.network');
    case 'timeout':
      return t('errors.timeout');
    case 'server':
      return error.code === undefined ? t('errors.server') : t('errors.serverCode', { code: error.code });
    case 'business':
      // The server's own words (errdesc) say what the code alone cannot.
      return error.serverText ? t('errors.withServerText', { message: businessError(t, error.code), text: error.serverText }) : businessError(t, error.code);
    case 'bad-response':
      return t('errors.badResponse');
    case 'invalid-request':
      return t('errors.invalidRequest');
    case 'not-found':
      return t('errors.notFound');
    case 'storage':
      return t('errors.storage');
    default:
      return t('errors.internal');
  }
}

function businessError(t: TFunction, code: number | undefined): string {
  switch (code) {
    case 10003:
      return t('errors.business.10003');
    case 10011:
      return t('errors.business.10011');
    case 200001:
      return t('errors.business.200001');
    case 200010:
      return t('errors.business.200010');
    case 200011:
      return t('errors.business.200011');
    case 200012:
      return t('errors.business.200012');
    case undefined:
      return t('errors.business.unknown');
    default:
      return t('errors.business.other', { code });
  }
}
