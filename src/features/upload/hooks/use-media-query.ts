import { useCallback, useMemo, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, kept up to date (false where matchMedia is missing). */
export function useMediaQuery(query: string): boolean {
  // One MediaQueryList per query: the check runs on every render of the upload panel.
  const list = useMemo(
    () => (typeof matchMedia === 'function' ? matchMedia(query) : null),
    [query],
  );
  const subscribe = useCallback(
    (listener: () => void) => {
      list?.addEventListener('change', listener);
      return () => list?.removeEventListener('change', listener);
    },
    [list],
  );
  return useSyncExternalStore(
    subscribe,
    () => list?.matches ?? false,
    () => false,
  );
}

/**
 * Phones and tablets: a finger as the main pointer, no hover. Their systems suspend pages in
 * the background, and their file inputs can open the camera.
 */
export const TOUCH_FIRST = '(pointer: coarse) and (hover: none)';

/** A phone-sized screen, where the file list starts well below the dropzone. */
export const SMALL_SCREEN = '(max-width: 40rem)';

/** The person asked for less motion: scroll at once, never animate it. */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
