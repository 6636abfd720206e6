import { useEffect } from 'react';
import type { PickedFiles } from '../intake/read-dropped-files';
import { filesOfClipboard } from '../intake/files-of-clipboard';
import { inputOfFile } from '../intake/input-of-file';

/** Where a paste is meant for the field itself, not for the upload. */
const EDITABLE =
  'input:not([type="file"]), textarea, select, [contenteditable=""], [contenteditable="true"]';

/**
 * Files pasted anywhere on the page are added, as if dropped: a screenshot is one Ctrl+V away,
 * and a keyboard user needs no drag and drop at all. Pastes of text are left alone.
 */
export function usePasteFiles(onFiles: (picked: PickedFiles) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onPaste = (event: ClipboardEvent) => {
      if (event.target instanceof Element && event.target.closest(EDITABLE)) return;
      const files = filesOfClipboard(event.clipboardData);
      if (files.length === 0) return;
      event.preventDefault();
      onFiles({ inputs: files.map(inputOfFile), unreadable: 0 });
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [onFiles, enabled]);
}
