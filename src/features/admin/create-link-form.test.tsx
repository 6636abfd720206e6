// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { InternalAxiosRequestConfig } from 'axios';
import { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../i18n/create-translator';
import { I18nProvider } from '../../i18n/i18n-provider';
import { createApiClient } from '../../lib/api-client';
import { CreateLinkForm } from './create-link-form';

/** The admin API as a script: each call answers with the next reply; bodies are recorded. */
function scriptedClient(replies: Array<{ status: number; data: unknown }>) {
  const sent: unknown[] = [];
  const client = createApiClient({ apiBase: '/api/v1', getToken: () => 'admin-token' });
  client.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    sent.push(JSON.parse(String(config.data)));
    const reply = replies.shift()!;
    const response = { ...reply, statusText: '', headers: {}, config };
    if (reply.status >= 400) {
      throw new AxiosError('refused', 'ERR_BAD_REQUEST', config, null, response);
    }
    return response;
  };
  return { client, sent };
}

function renderForm(client: ReturnType<typeof scriptedClient>['client'], locale: 'en' | 'zh-CN') {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider initialLocale={locale}>
        <CreateLinkForm client={client} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the admin page’s new-link form', () => {
  it('says beside each field what is wrong and gives an example, sending nothing (issue 12 #14)', async () => {
    const { client, sent } = scriptedClient([]);
    renderForm(client, 'en');
    type('Largest file (MB)', 'abc');
    type('Allowed types, e.g. image/*, .pdf', 'image/*, pdf');
    fireEvent.click(screen.getByTestId('create-link'));
    const size = screen.getByLabelText('Largest file (MB)');
    expect(size.getAttribute('aria-invalid')).toBe('true');
    const sizeError = screen.getByTestId('issue-maxFileSizeMb');
    expect(size.getAttribute('aria-describedby')).toContain(sizeError.id);
    expect(sizeError.textContent).toBe(
      'Largest file: “abc” is not a size. Write a number and a unit, for example 500 MB.',
    );
    expect(screen.getByTestId('issue-types').textContent).toBe(
      'Allowed types: “pdf” is neither a file extension nor a MIME type. Extensions start with a dot, for example .pdf, image/*. Did you mean .pdf?',
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Some settings need a change: see the marked fields.',
    );
    await waitFor(() => expect(document.activeElement).toBe(size));
    expect(sent).toEqual([]);
    // Fixing a field takes its explanation away.
    type('Largest file (MB)', '500');
    expect(screen.queryByTestId('issue-maxFileSizeMb')).toBeNull();
  });

  it('says it in Chinese too', async () => {
    await loadCatalogue('zh-CN');
    const { client } = scriptedClient([]);
    renderForm(client, 'zh-CN');
    type('文件总数上限', '0');
    fireEvent.click(screen.getByTestId('create-link'));
    expect(screen.getByTestId('issue-maxFiles').textContent).toBe(
      '文件总数上限不能为 0：否则链接什么也收不了。不限制请留空，或填写更大的值，例如 20。',
    );
  });

  it('makes an embeddable link and hands out the code for the other site (issue 12 #15)', async () => {
    const url = 'https://up.example.com/u/k0.abc';
    const link = {
      id: 'AAAAAAAAAAAAAAAAAAAAAA',
      title: '',
      message: '',
      createdAt: 1,
      expiresAt: null,
      limits: { maxFileSize: null, maxTotalBytes: null, maxFiles: null, allowedTypes: [] },
      embedOrigins: ['https://forms.example.org'],
      keyPrefix: 'uploads/AAAAAAAAAAAAAAAAAAAAAA/',
      revoked: null,
      usage: { files: 0, bytes: 0 },
      inFlight: null,
      unverified: { files: 0, bytes: 0 },
      url,
    };
    const { client, sent } = scriptedClient([
      { status: 201, data: { link, token: 'k0.abc', url } },
    ]);
    renderForm(client, 'en');
    type('Valid for (days)', '');
    type('Sites that may embed this link (optional)', 'https://forms.example.org');
    fireEvent.click(screen.getByTestId('create-link'));
    await screen.findByTestId('created-link');
    expect(sent).toEqual([{ embedOrigins: ['https://forms.example.org'] }]);
    expect((screen.getByTestId('embed-code') as HTMLInputElement).value).toBe(
      `<script src="https://up.example.com/embed.js" data-link="${url}"></script>`,
    );
  });

  it('shows the server’s own objections beside their fields', async () => {
    const { client } = scriptedClient([
      {
        status: 400,
        data: {
          error: {
            code: 'invalid-request',
            message: '…',
            details: {
              issues: [
                { field: 'embedOrigins', problem: 'origin-wildcard', value: 'https://*.x.org' },
              ],
            },
          },
        },
      },
    ]);
    renderForm(client, 'en');
    type('Sites that may embed this link (optional)', 'https://x.org');
    fireEvent.click(screen.getByTestId('create-link'));
    expect((await screen.findByTestId('issue-embedOrigins')).textContent).toBe(
      'Sites that may embed this link: “https://*.x.org” has a wildcard (*); list every site exactly, for example https://forms.example.org.',
    );
  });
});
