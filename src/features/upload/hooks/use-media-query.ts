import { useCallback, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, kept up to date (false where matchMedia is missing). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (typeof matchMedia !== 'function') return () => {};
      const list = matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    [query],
  );
  const get = () => typeof matchMedia === 'function' && matchMedia(query).matches;
  return useSyncExternalStore(subscribe, get, () => false);
}

/**
 * Phones and tablets: a finger as the main pointer, no hover. Their systems suspend pages in
 * the background, and their file inputs can open the camera.
 */
export const TOUCH_FIRST = '(pointer: coarse) and (hover: none)';
