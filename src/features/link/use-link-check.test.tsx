// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { STATUS_OF } from '../../../protocol/error-codes';
import type { LinkInfoResponse } from '../../../protocol/schemas';
import { SignerError } from '../../lib/api-client';
import { LINK_CHECK_INTERVAL_MS, useLinkCheck } from './use-link-check';
import type { LinkSource } from './use-link';

function Probe(props: {
  source: LinkSource;
  onClosed(code: string): void;
  enabled: boolean;
  clock: { now(): number };
}) {
  useLinkCheck(props.source, props.onClosed, props.enabled, props.clock);
  return null;
}

function failing(code: 'link-revoked' | 'link-expired' | 'rate-limited' | 'signer-unavailable') {
  const calls: number[] = [];
  const source: LinkSource = {
    queryKey: ['link', 'x'],
    fetchLink: () => {
      calls.push(1);
      const status = code === 'signer-unavailable' ? 0 : STATUS_OF[code];
      return Promise.reject(new SignerError({ code, status, message: code }));
    },
  };
  return { source, calls };
}

const flush = () => act(async () => {});

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => setVisibility('visible'));

describe('useLinkCheck', () => {
  it('looks at the link again when the person comes back, and reports a revoked link', async () => {
    let now = 0;
    const clock = { now: () => now };
    const closed: string[] = [];
    const { source, calls } = failing('link-revoked');
    render(<Probe source={source} onClosed={(c) => closed.push(c)} enabled clock={clock} />);
    // Coming back within the interval asks nothing.
    setVisibility('hidden');
    setVisibility('visible');
    window.dispatchEvent(new Event('focus'));
    await flush();
    expect(calls).toHaveLength(0);

    now = LINK_CHECK_INTERVAL_MS + 1;
    setVisibility('hidden');
    await flush();
    expect(calls).toHaveLength(0);
    setVisibility('visible');
    await flush();
    expect(calls).toHaveLength(1);
    expect(closed).toEqual(['link-revoked']);

    // Focus right after: within the interval again.
    window.dispatchEvent(new Event('focus'));
    await flush();
    expect(calls).toHaveLength(1);
  });

  it('reports an expired link on focus too', async () => {
    let now = 0;
    const closed: string[] = [];
    const { source } = failing('link-expired');
    render(
      <Probe source={source} onClosed={(c) => closed.push(c)} enabled clock={{ now: () => now }} />,
    );
    now = LINK_CHECK_INTERVAL_MS;
    window.dispatchEvent(new Event('focus'));
    await flush();
    expect(closed).toEqual(['link-expired']);
  });

  it('leaves every other failure alone, and asks nothing once disabled', async () => {
    let now = 0;
    const closed: string[] = [];
    for (const code of ['rate-limited', 'signer-unavailable'] as const) {
      const { source, calls } = failing(code);
      const view = render(
        <Probe
          source={source}
          onClosed={(c) => closed.push(c)}
          enabled
          clock={{ now: () => now }}
        />,
      );
      now += LINK_CHECK_INTERVAL_MS;
      window.dispatchEvent(new Event('focus'));
      await flush();
      expect(calls).toHaveLength(1);
      view.unmount();
    }
    expect(closed).toEqual([]);

    const { source, calls } = failing('link-revoked');
    render(
      <Probe
        source={source}
        onClosed={(c) => closed.push(c)}
        enabled={false}
        clock={{ now: () => now }}
      />,
    );
    now += LINK_CHECK_INTERVAL_MS;
    window.dispatchEvent(new Event('focus'));
    await flush();
    expect(calls).toHaveLength(0);
  });

  it('keeps quiet when the link is fine', async () => {
    let now = 0;
    const closed: string[] = [];
    const answer = { serverTime: 0, link: {} } as unknown as LinkInfoResponse;
    const source: LinkSource = { queryKey: ['l'], fetchLink: () => Promise.resolve(answer) };
    render(
      <Probe source={source} onClosed={(c) => closed.push(c)} enabled clock={{ now: () => now }} />,
    );
    now = LINK_CHECK_INTERVAL_MS;
    window.dispatchEvent(new Event('focus'));
    await flush();
    expect(closed).toEqual([]);
  });
});
