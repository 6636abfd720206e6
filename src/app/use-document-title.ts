import { useEffect, useLayoutEffect } from 'react';

const SEPARATOR = ' · ';

/**
 * The page's title in the reader's language (WCAG 2.4.2; also what a screen reader announces
 * on arrival and what a tab shows). The shell sets the portal's name in a layout effect; a
 * page refines it ("Audit scans · Upload portal") in a passive effect, which React runs after
 * every layout effect, so the more specific title always wins, also after a language switch.
 */
export function useSiteTitle(siteName: string): void {
  useLayoutEffect(() => {
    document.title = siteName;
  }, [siteName]);
}

export function usePageTitle(pageName: string, siteName: string): void {
  useEffect(() => {
    document.title = pageName ? `${pageName}${SEPARATOR}${siteName}` : siteName;
  }, [pageName, siteName]);
}
