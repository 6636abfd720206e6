/**
 * localStorage that never throws. Inside a third-party iframe, or with cookies blocked,
 * merely touching `window.localStorage` can throw a SecurityError; a preference that cannot
 * be remembered must never break the page.
 */
export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage unavailable or full: the choice still applies to this page view.
  }
}
