import { useEffect, useRef } from 'react';
import { isLinkClosedCode, type LinkClosedCode } from '../../../protocol/error-codes';
import { errorCodeOf } from './error-code-of';
import type { LinkSource } from './use-link';

/** At most one check per this long, however often the page is shown or focused. */
export const LINK_CHECK_INTERVAL_MS = 30_000;

/**
 * Asks the signer about the link again when the person comes back to the page (it is shown
 * again, or its window gets focus), so a link revoked or expired meanwhile locks the page
 * before anyone drops files into it, not after. Only "the link is over" is acted on: the page
 * keeps the link it loaded (the engine was built from it), and any other failure (offline, a
 * busy signer) is left to the calls that follow.
 */
export function useLinkCheck(
  source: LinkSource,
  onClosed: (code: LinkClosedCode) => void,
  enabled: boolean,
  clock: { now(): number } = Date,
): void {
  // The latest callback, without restarting the listeners when it changes.
  const report = useRef(onClosed);
  useEffect(() => {
    report.current = onClosed;
  }, [onClosed]);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let lastCheck = clock.now();
    let checking = false;
    const check = () => {
      if (document.visibilityState === 'hidden' || checking) return;
      if (clock.now() - lastCheck < LINK_CHECK_INTERVAL_MS) return;
      lastCheck = clock.now();
      checking = true;
      source.fetchLink(controller.signal).then(
        () => {
          checking = false;
        },
        (error: unknown) => {
          checking = false;
          const code = errorCodeOf(error);
          if (!controller.signal.aborted && isLinkClosedCode(code)) report.current(code);
        },
      );
    };
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      controller.abort();
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, [source, enabled, clock]);
}
