import { TOUCH_FIRST, useMediaQuery } from '../features/upload/hooks/use-media-query';
import { useI18n } from '../i18n/use-i18n';

/**
 * Stands in for the upload area while its chunk is still on the way: the dropzone's own frame
 * and words (classes and structure of features/upload/components/dropzone.tsx, which it must
 * follow), so the page does not move when the real one replaces it. Inert until then.
 * (On a link with gates, an empty card where the first gate will be.)
 */
export function UploadAreaPlaceholder({ closed, gated }: { closed: boolean; gated?: boolean }) {
  const { t } = useI18n();
  const touchFirst = useMediaQuery(TOUCH_FIRST);
  // A closed link has no dropzone (its notice stands above, in the page).
  if (closed) return <div className="upload-panel" aria-busy="true" inert />;
  // A link that asks something first shows its first question, not a dropzone.
  if (gated) return <div className="card gate" aria-busy="true" />;
  return (
    <div className="upload-panel" aria-busy="true" inert>
      <div className="dropzone">
        {/* Where the dropzone's file input sits: an empty grid row, one gap tall. */}
        <span />
        <div className="dropzone__target">
          <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V15" />
          </svg>
          <p className="dropzone__prompt">{t.t('dropzone.prompt')}</p>
          <p className="dropzone__choose">
            <span className="muted">{t.t('dropzone.or')}</span>{' '}
            <span className="button button--primary">{t.t('dropzone.choose')}</span>
          </p>
          {!touchFirst && <p className="dropzone__hint muted">{t.t('dropzone.hint')}</p>}
        </div>
        <div className="dropzone__more">
          <span className="button">
            <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M3.5 7.5A1.5 1.5 0 0 1 5 6h4l2 2h8a1.5 1.5 0 0 1 1.5 1.5v8A1.5 1.5 0 0 1 19 19H5a1.5 1.5 0 0 1-1.5-1.5z" />
            </svg>
            {t.t('dropzone.chooseFolder')}
          </span>
        </div>
      </div>
    </div>
  );
}
