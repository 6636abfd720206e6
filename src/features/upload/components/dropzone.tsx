import { memo, useCallback, useId, useRef, type KeyboardEvent } from 'react';
import { useDropzone, type DropEvent } from 'react-dropzone';
import { useI18n } from '../../../i18n/use-i18n';
import { inputOfFile } from '../intake/input-of-file';
import { readDroppedFiles, type PickedFiles } from '../intake/read-dropped-files';

/**
 * What each event yielded, keyed by the event: react-dropzone hands onDrop the same event it
 * gave getFilesFromEvent, and the folder paths and unreadable count ride along with it here.
 */
const picks = new WeakMap<object, PickedFiles>();

function pickedFromInput(input: HTMLInputElement | null): PickedFiles {
  return { inputs: Array.from(input?.files ?? []).map(inputOfFile), unreadable: 0 };
}

/**
 * What react-dropzone is told an event holds. On a drop or a pick it gets no files at all: it
 * would check every file's size and type in one synchronous loop (2.5 s for 10,000 files from
 * the file dialog, whose sizes Chromium looks up one by one), and would keep them all in its
 * state. The files travel beside it (`picks`) to onDrop, and the intake reads them in slices.
 */
async function getFilesFromEvent(
  event: DropEvent | FileSystemFileHandle[],
): Promise<Array<File | DataTransferItem>> {
  // (An array of handles comes only from the File System Access picker, which is not used.)
  if (Array.isArray(event)) return [];
  if ('dataTransfer' in event && event.dataTransfer) {
    // While dragging, the drag-over state only needs to know that files are coming: one item
    // says so (dragover fires every few milliseconds, with thousands of items in a big drag).
    if (event.type !== 'drop') {
      const { items } = event.dataTransfer;
      for (let i = 0; i < items.length; i++) if (items[i]!.kind === 'file') return [items[i]!];
      return [];
    }
    picks.set(event, await readDroppedFiles(event.dataTransfer));
    return [];
  }
  if ('target' in event) picks.set(event, pickedFromInput(event.target as HTMLInputElement));
  return [];
}

const isActivation = (event: KeyboardEvent) => event.key === 'Enter' || event.key === ' ';

/**
 * The ways in: drop files or folders, Enter/Space or a click for the file dialog, a folder
 * dialog, and on phones the camera when the link takes images (pasting is handled for the
 * whole page by UploadPanel). No `accept`/`maxSize` here on purpose: react-dropzone would
 * drop refused files silently, while the engine's checks turn them into rows that say why.
 *
 * The drop area is a plain container; inside it, the labelled role="button" target opens the
 * file dialog, and the folder and camera buttons sit beside it, not inside it (a control
 * inside role="button" is nested interaction that assistive technology handles badly).
 * Memoised: the panel around it re-renders with every progress update, the dropzone need not.
 */
export const Dropzone = memo(function Dropzone({
  onFiles,
  limitsId,
  showCamera = false,
  keyboardHint = true,
}: {
  onFiles(picked: PickedFiles): void;
  /** Id of the element that states the link's limits; read out as the description. */
  limitsId?: string;
  /** Offer "Take a photo" (a touch-first device, and a link that takes images). */
  showCamera?: boolean;
  /**
   * Say "Press Enter or Space…" (and that pasting works). Not on touch-only devices, where
   * neither applies and the words only push the choices further apart.
   */
  keyboardHint?: boolean;
}) {
  const { t } = useI18n();
  const hintId = useId();

  const onDrop = useCallback(
    (files: File[], _rejections: unknown, event: DropEvent | null) => {
      const picked = (event && picks.get(event)) ?? {
        inputs: files.map(inputOfFile),
        unreadable: 0,
      };
      if (picked.inputs.length > 0 || picked.unreadable > 0) onFiles(picked);
    },
    [onFiles],
  );
  const { getRootProps, getInputProps, isDragActive, isProcessing, open } = useDropzone({
    onDrop,
    getFilesFromEvent,
    multiple: true,
    // The target below handles click and keyboard; paste is taken for the whole page.
    noClick: true,
    noKeyboard: true,
    noPaste: true,
  });

  const pickFrom = (input: HTMLInputElement) => {
    const picked = pickedFromInput(input);
    // Choosing the same folder twice in a row must fire `change` again.
    input.value = '';
    if (picked.inputs.length > 0) onFiles(picked);
  };

  let prompt = t.t('dropzone.prompt');
  if (isDragActive) prompt = t.t('dropzone.active');
  else if (isProcessing) prompt = t.t('dropzone.reading');

  return (
    <div {...getRootProps({ className: 'dropzone' })} data-drag-active={isDragActive || undefined}>
      <input
        {...getInputProps({ 'aria-label': t.t('dropzone.inputLabel') })}
        data-testid="file-input"
      />
      <div
        className="dropzone__target"
        role="button"
        tabIndex={0}
        aria-label={t.t('dropzone.label')}
        aria-describedby={
          [keyboardHint ? hintId : undefined, limitsId].filter(Boolean).join(' ') || undefined
        }
        data-testid="dropzone"
        onClick={open}
        onKeyDown={(event) => {
          if (!isActivation(event)) return;
          // Space would otherwise scroll the page as well.
          event.preventDefault();
          open();
        }}
      >
        <svg className="dropzone__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V15" />
        </svg>
        <p className="dropzone__prompt">{prompt}</p>
        {!isDragActive && (
          <p className="dropzone__choose">
            <span className="muted">{t.t('dropzone.or')}</span>{' '}
            <span className="button button--primary" aria-hidden="true">
              {t.t('dropzone.choose')}
            </span>
          </p>
        )}
        {keyboardHint && (
          <p id={hintId} className="dropzone__hint muted">
            {t.t('dropzone.hint')}
          </p>
        )}
      </div>
      <OtherPickers showCamera={showCamera} onPicked={pickFrom} />
    </div>
  );
});

/**
 * Beside the target: a folder dialog, and on phones the camera, each through a hidden input of
 * its own (what they pick goes the same way as the file dialog's).
 */
function OtherPickers({
  showCamera,
  onPicked,
}: {
  showCamera: boolean;
  onPicked(input: HTMLInputElement): void;
}) {
  const { t } = useI18n();
  const folderInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  return (
    <>
      <div className="dropzone__more">
        <button type="button" className="button" onClick={() => folderInput.current?.click()}>
          <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3.5 7.5A1.5 1.5 0 0 1 5 6h4l2 2h8a1.5 1.5 0 0 1 1.5 1.5v8A1.5 1.5 0 0 1 19 19H5a1.5 1.5 0 0 1-1.5-1.5z" />
          </svg>
          {t.t('dropzone.chooseFolder')}
        </button>
        {showCamera && (
          <button type="button" className="button" onClick={() => cameraInput.current?.click()}>
            <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M4 8.5A1.5 1.5 0 0 1 5.5 7h2l1.5-2h6l1.5 2h2A1.5 1.5 0 0 1 20 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 17.5z M12 16a3 3 0 1 0 0-6 3 3 0 0 0 0 6z" />
            </svg>
            {t.t('dropzone.takePhoto')}
          </button>
        )}
      </div>
      <input
        ref={(element) => {
          // Not in React's typings; every current browser supports it under this name.
          element?.setAttribute('webkitdirectory', '');
          folderInput.current = element;
        }}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-label={t.t('dropzone.folderInputLabel')}
        data-testid="folder-input"
        onChange={(event) => onPicked(event.currentTarget)}
      />
      {showCamera && (
        <input
          ref={cameraInput}
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          tabIndex={-1}
          aria-label={t.t('dropzone.cameraInputLabel')}
          data-testid="camera-input"
          onChange={(event) => onPicked(event.currentTarget)}
        />
      )}
    </>
  );
}
