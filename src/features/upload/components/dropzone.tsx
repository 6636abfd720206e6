import { useCallback, useId } from 'react';
import { useDropzone, type FileWithPath } from 'react-dropzone';
import { useI18n } from '../../../i18n/use-i18n';
import type { FileInput } from '../engine/types';
import { folderOf } from './folder-of';

/**
 * Drop, click, Enter/Space or paste to add files; folders by drag. No `accept`/`maxSize`
 * here on purpose: react-dropzone would drop refused files silently, while the engine's
 * checks turn them into `rejected` rows that say why.
 */
export function Dropzone({
  onFiles,
  limitsId,
  disabled = false,
}: {
  onFiles(inputs: FileInput[]): void;
  /** Id of the element that states the link's limits; read out as the description. */
  limitsId?: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const hintId = useId();
  const onDrop = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      onFiles(files.map((file) => ({ file, relativePath: folderOf((file as FileWithPath).path) })));
    },
    [onFiles],
  );
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    onDrop,
    disabled,
    multiple: true,
  });

  return (
    // The file input sits beside the button, not inside it: a focusable control inside
    // role="button" is nested interaction that assistive technology can still land on.
    <div className="dropzone-wrap">
      <input
        {...getInputProps({ 'aria-label': t.t('dropzone.inputLabel') })}
        data-testid="file-input"
      />
      <div
        {...getRootProps({
          role: 'button',
          'aria-label': t.t('dropzone.label'),
          'aria-describedby': [hintId, limitsId].filter(Boolean).join(' '),
          className: 'dropzone',
        })}
        data-drag-active={isDragActive || undefined}
        data-disabled={disabled || undefined}
      >
        <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V15" />
        </svg>
        <p className="dropzone__prompt">
          {isDragActive ? t.t('dropzone.active') : t.t('dropzone.prompt')}
        </p>
        {!isDragActive && !disabled && (
          <p className="dropzone__choose">
            <span className="muted">{t.t('dropzone.or')}</span>{' '}
            <span className="button button--primary" aria-hidden="true">
              {t.t('dropzone.choose')}
            </span>
          </p>
        )}
        <p id={hintId} className="dropzone__hint muted">
          {disabled ? t.t('dropzone.disabled') : t.t('dropzone.hint')}
        </p>
      </div>
    </div>
  );
}
