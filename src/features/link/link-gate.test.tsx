// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUS_OF } from '../../../protocol/error-codes';
import type { LinkInfoResponse } from '../../../protocol/schemas';
import { createTranslator } from '../../i18n/create-translator';
import { I18nProvider } from '../../i18n/i18n-provider';
import { createApiClient } from '../../lib/api-client';
import {
  jsonReply,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../testing/loopback-server';
import { getLink, getLinkQueryKey } from '../upload/api/get-link';
import { LinkGate } from './link-gate';
import type { LinkSource } from './use-link';

// The real API client talks to a real loopback HTTP server that answers like the signer.
let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer(undefined, { cors: { exposeHeaders: [] } });
});
afterEach(() => server.close());

const LINK: LinkInfoResponse = {
  serverTime: Date.now(),
  link: {
    id: 'l1',
    title: 'Audit scans',
    message: '',
    expiresAt: null,
    limits: { maxFiles: null, maxFileSize: null, maxTotalBytes: null, allowedTypes: [] },
    usage: null,
    multipartThreshold: 1024 ** 2,
  },
};

function renderGate(token = 'tok') {
  const client = createApiClient({ apiBase: `${server.origin}/api/v1`, getToken: () => token });
  const source: LinkSource = {
    queryKey: getLinkQueryKey(token),
    fetchLink: (signal) => getLink(client, { signal }),
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <I18nProvider initialLocale="en">
      <QueryClientProvider client={queryClient}>
        <LinkGate token={token} source={source}>
          {({ link }) => <p data-testid="open-link">{link.title}</p>}
        </LinkGate>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

const en = createTranslator('en');

describe('LinkGate', () => {
  it('renders the page for a usable link, asking with the link token', async () => {
    server.setHandler(() => jsonReply(200, LINK));
    renderGate('secret-token');
    expect((await screen.findByTestId('open-link')).textContent).toBe('Audit scans');
    expect(server.requests[0]!.url).toBe('/api/v1/link');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer secret-token');
  });

  it.each([
    'link-expired',
    'link-revoked',
    'link-malformed',
    'link-tampered',
    'link-missing',
  ] as const)('explains %s on a full page, with no way to add files', async (code) => {
    server.setHandler(() =>
      jsonReply(STATUS_OF[code], { error: { code, message: `server words for ${code}` } }),
    );
    renderGate();
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe(en.error(code).what);
    expect(screen.getByText(en.error(code).todo)).toBeTruthy();
    expect(document.querySelector(`[data-link-error="${code}"]`)).not.toBeNull();
    expect(screen.queryByTestId('open-link')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(document.body.textContent).not.toContain('server words');
  });

  it('does not even ask the signer when the address holds no token', () => {
    renderGate('');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      en.error('link-missing').what,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('offers a retry when the signer cannot be reached, and recovers', async () => {
    server.setHandler(() => 'drop');
    renderGate();
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'The upload link could not be opened',
    );
    expect(screen.getByText(en.error('signer-unavailable').what)).toBeTruthy();

    server.setHandler(() => jsonReply(200, LINK));
    fireEvent.click(retry);
    expect((await screen.findByTestId('open-link')).textContent).toBe('Audit scans');
  });

  it('offers a retry for a server error too', async () => {
    server.setHandler(() => jsonReply(500, { error: { code: 'internal-error', message: 'boom' } }));
    renderGate();
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByText(en.error('internal-error').what)).toBeTruthy();
  });
});
