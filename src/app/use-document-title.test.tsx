// @vitest-environment jsdom
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { usePageTitle, useSiteTitle } from './use-document-title';

function Shell({ site, children }: { site: string; children?: ReactNode }) {
  useSiteTitle(site);
  return <>{children}</>;
}

function Page({ name, site }: { name: string; site: string }) {
  usePageTitle(name, site);
  return null;
}

describe('document title', () => {
  it('names the site, and a page inside it wins, also when the language changes', () => {
    const { rerender } = render(<Shell site="Upload portal" />);
    expect(document.title).toBe('Upload portal');

    rerender(
      <Shell site="Upload portal">
        <Page name="Audit scans" site="Upload portal" />
      </Shell>,
    );
    expect(document.title).toBe('Audit scans · Upload portal');

    rerender(
      <Shell site="文件上传">
        <Page name="Audit scans" site="文件上传" />
      </Shell>,
    );
    expect(document.title).toBe('Audit scans · 文件上传');
  });

  it('falls back to the site name for a page without a name of its own', () => {
    render(
      <Shell site="Upload portal">
        <Page name="" site="Upload portal" />
      </Shell>,
    );
    expect(document.title).toBe('Upload portal');
  });
});
