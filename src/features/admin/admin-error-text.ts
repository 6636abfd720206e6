import type { Translator } from '../../i18n/create-translator';
import { isSignerError } from '../../lib/api-client';

/** Words for a failed admin call: the catalogue's text for its code, never raw server text. */
export function adminErrorText(error: unknown, t: Translator): string {
  if (isSignerError(error)) {
    if (error.code === 'unauthorized') return t.t('admin.token.wrong');
    if (error.code === 'not-found' && error.status === 404) return t.t('admin.token.disabled');
    if (error.code === 'invalid-request') {
      const reason = error.details?.reason;
      return t.t('admin.create.invalid', {
        reason: typeof reason === 'string' ? reason : t.error(error.code).what,
      });
    }
    return t.t('admin.failed', { reason: t.error(error.code).what });
  }
  return t.t('admin.failed', { reason: t.error('unknown').what });
}
