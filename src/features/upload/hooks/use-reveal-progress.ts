import { useCallback, useEffect, useRef } from 'react';

/** The target counts as in view when at least this much of it shows below its top edge. */
const MIN_VISIBLE_PX = 120;

/**
 * After an intake on a small screen, bring the progress into view and move focus to its
 * heading (so a screen reader says where the files went): on a 360 × 740 phone the list starts
 * about 900 px down, and choosing files otherwise changes nothing visible. Only once per
 * intake, only when the files reached the engine (a drop of nothing but junk or duplicates
 * moves nothing), and not when the progress is already in view. Scrolls at once when the
 * person asked for reduced motion.
 *
 * Returns `targetRef` for the element to reveal (its first heading gets the focus) and `request`,
 * to call when an intake starts.
 */
export function useRevealProgress(
  files: number,
  { enabled, reducedMotion }: { enabled: boolean; reducedMotion: boolean },
) {
  const targetRef = useRef<HTMLElement>(null);
  const latestFiles = useRef(files);
  /** The file count when the intake started; null when no reveal is waiting. */
  const pending = useRef<number | null>(null);

  useEffect(() => {
    latestFiles.current = files;
    if (pending.current === null || files <= pending.current) return;
    pending.current = null;
    const element = targetRef.current;
    if (!enabled || !element) return;
    const { top } = element.getBoundingClientRect();
    if (top >= 0 && top <= window.innerHeight - MIN_VISIBLE_PX) return;
    element.scrollIntoView({ behavior: reducedMotion ? 'auto' : 'smooth', block: 'start' });
    // The heading takes the focus without a second, instant scroll of its own.
    element.querySelector<HTMLElement>('h2, h3')?.focus({ preventScroll: true });
  }, [files, enabled, reducedMotion]);

  const request = useCallback(() => {
    pending.current = latestFiles.current;
  }, []);

  return { targetRef, request };
}
