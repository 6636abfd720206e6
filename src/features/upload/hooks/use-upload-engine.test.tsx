// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import {
  createFakeUploadEngine,
  fileEntry,
  type FakeUploadEngine,
} from '../components/testing/fake-upload-engine';
import { useUploadEngine } from './use-upload-engine';

function Probe({ create }: { create: () => FakeUploadEngine }) {
  const { snapshot } = useUploadEngine(create);
  return <p data-testid="count">{snapshot.files.length}</p>;
}

function beforeUnloadCancelled(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('useUploadEngine', () => {
  it('survives StrictMode’s mount–unmount–mount with exactly one live engine', () => {
    const engines: FakeUploadEngine[] = [];
    const create = () => {
      const engine = createFakeUploadEngine();
      engines.push(engine);
      return engine;
    };
    const { getByTestId, unmount } = render(
      <StrictMode>
        <Probe create={create} />
      </StrictMode>,
    );
    const live = engines.filter((engine) => !engine.destroyed);
    expect(live).toHaveLength(1);

    act(() => live[0]!.setFiles([fileEntry({ name: 'a' }), fileEntry({ name: 'b' })]));
    expect(getByTestId('count').textContent).toBe('2');

    unmount();
    expect(engines.every((engine) => engine.destroyed)).toBe(true);
  });

  it('warns before leaving only while files are unfinished', () => {
    const engine = createFakeUploadEngine();
    const { unmount } = render(<Probe create={() => engine} />);
    expect(beforeUnloadCancelled()).toBe(false);

    const warns = [
      ['uploading', true],
      ['paused', true],
      ['failed', false],
      ['verifying', true],
      ['done', false],
    ] as const;
    for (const [status, warned] of warns) {
      act(() => engine.setFiles([fileEntry({ name: 'a', status })]));
      expect(beforeUnloadCancelled(), status).toBe(warned);
    }

    act(() => engine.setFiles([fileEntry({ name: 'a', status: 'queued' })]));
    unmount();
    expect(beforeUnloadCancelled()).toBe(false);
  });
});
