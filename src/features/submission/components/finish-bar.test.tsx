// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n-provider';
import { FinishBar, type PageActivity } from './finish-bar';

function renderBar(activity: PageActivity, opened = true) {
  const onFinish = vi.fn(async () => {});
  render(
    <I18nProvider initialLocale="en">
      <FinishBar
        activity={activity}
        opened={opened}
        idleSeconds={600}
        onFinish={onFinish}
        onShowReceipt={async () => {}}
      />
    </I18nProvider>,
  );
  return { onFinish, button: screen.getByTestId('finish'), why: screen.getByTestId('finish-why') };
}

describe('FinishBar', () => {
  it('waits while files are in flight, says why, and stays reachable by keyboard', () => {
    const { onFinish, button, why } = renderBar({ active: 2, failed: 0, done: 1 });
    expect(why.textContent).toBe(
      '2 files are still in progress. Finish when they are done, or cancel the ones you do not want to send.',
    );
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(button.getAttribute('aria-describedby')).toBe(why.id);
    fireEvent.click(button);
    expect(onFinish).not.toHaveBeenCalled();
  });

  it('waits for a first file before there is anything to finish', () => {
    const { button, why } = renderBar({ active: 0, failed: 0, done: 0 }, false);
    expect(why.textContent).toBe(
      'Add files first. Finish becomes available once they have arrived.',
    );
    expect(button.getAttribute('aria-disabled')).toBe('true');
  });

  it('finishes with failed files, after saying they will be listed as failed', () => {
    const { onFinish, button, why } = renderBar({ active: 0, failed: 1, done: 3 });
    expect(why.textContent).toBe(
      '1 file failed. Retry it, or finish without it: your receipt lists it as failed.',
    );
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    fireEvent.click(button);
    expect(onFinish).toHaveBeenCalledTimes(1);
  });

  it('says when the submission closes by itself', () => {
    const { why } = renderBar({ active: 0, failed: 0, done: 3 });
    expect(why.textContent).toBe(
      'When you have sent everything, press Finish. You get a receipt listing every file. If you do not, this submission closes by itself 10 minutes after the last file.',
    );
  });
});
