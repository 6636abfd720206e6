import type { AxiosInstance } from 'axios';
import { useState } from 'react';
import type { CorsProblem } from '../../../protocol/admin';
import { useI18n } from '../../i18n/use-i18n';
import { adminErrorText } from './admin-error-text';
import { startSelfTest, verifySelfTest } from './api/self-test';
import type { SelfTestResult } from './run-self-test';
import { runSelfTest } from './run-self-test';

type State =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: SelfTestResult }
  | { kind: 'error'; message: string };

/** Runs the bucket check from this very page and names the rule to fix in plain words. */
export function SelfTestPanel({ client }: { client: AxiosInstance }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = async () => {
    setState({ kind: 'running' });
    try {
      const result = await runSelfTest({
        start: () => startSelfTest(client),
        verify: (key) => verifySelfTest(client, key),
        fetch: (...args) => fetch(...args),
        origin: location.origin,
      });
      setState({ kind: 'done', result });
    } catch (error) {
      setState({ kind: 'error', message: adminErrorText(error, t) });
    }
  };

  const fix = (problem: CorsProblem, result: SelfTestResult) =>
    t.t(`admin.selftest.fix.${problem}`, {
      origin: result.origin,
      detail: [result.putStatus, result.putCode].filter((x) => x !== null).join(' ') || '?',
    });

  return (
    <section className="card admin-section" aria-labelledby="admin-selftest-title">
      <h2 id="admin-selftest-title" className="card__title">
        {t.t('admin.selftest.title')}
      </h2>
      <p>{t.t('admin.selftest.body')}</p>
      <button
        className="button button--primary"
        type="button"
        data-testid="selftest-run"
        onClick={() => void run()}
        disabled={state.kind === 'running'}
      >
        {state.kind === 'running' ? t.t('admin.selftest.running') : t.t('admin.selftest.run')}
      </button>
      {state.kind === 'error' && (
        <p className="notice card--error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <div
          data-testid="selftest-result"
          data-ok={state.result.ok ? 'true' : 'false'}
          data-problems={state.result.problems.join(' ')}
          role="status"
        >
          <ul className="admin-checklist">
            {state.result.steps.map((step) => (
              <li key={step.id} data-ok={step.ok ? 'true' : 'false'}>
                <span aria-hidden="true">{step.ok ? '✓' : '✗'}</span>{' '}
                {t.t(`admin.selftest.step.${step.id}`, { origin: state.result.origin })}
                <span className="visually-hidden">
                  {' '}
                  ({step.ok ? t.t('admin.selftest.passedStep') : t.t('admin.selftest.failedStep')})
                </span>
              </li>
            ))}
          </ul>
          {state.result.ok ? (
            <p className="notice notice--success">{t.t('admin.selftest.passed')}</p>
          ) : (
            <div className="notice card--error">
              <p>{t.t('admin.selftest.failedTitle')}</p>
              <ul>
                {state.result.problems.map((problem) => (
                  <li key={problem} data-problem={problem}>
                    {fix(problem, state.result)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
