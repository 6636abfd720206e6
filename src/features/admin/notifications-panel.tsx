import type { AxiosInstance } from 'axios';
import { useId } from 'react';
import type { DeliveryLogEntry } from '../../../protocol/admin';
import { useI18n } from '../../i18n/use-i18n';
import { adminErrorText } from './admin-error-text';
import { deliveryProblemText } from './delivery-problem-text';
import { useLinkNotifications, useSendTestEvent } from './api/link-notifications';

/**
 * A link's notifications on /admin: where its events go (host and masked key only), the
 * delivery log (event, target, attempts, last status, next try) and "Send a test event".
 */
export function NotificationsPanel({ client, linkId }: { client: AxiosInstance; linkId: string }) {
  const { t } = useI18n();
  const id = useId();
  const view = useLinkNotifications(client, linkId);
  const test = useSendTestEvent(client, linkId);

  const status = (d: DeliveryLogEntry) => {
    const word = t.t(`admin.notify.status.${d.status}`);
    return d.lastStatus === null ? word : `${word} (${d.lastStatus})`;
  };

  return (
    <div className="admin-notify" data-testid="notifications-panel">
      {view.isPending && <p className="muted">{t.t('admin.notify.loading')}</p>}
      {view.isError && (
        <p className="notice card--error" role="alert">
          {adminErrorText(view.error, t)}
        </p>
      )}
      {view.isSuccess && (
        <>
          <h3 id={`${id}-targets`} className="admin-notify__title">
            {t.t('admin.notify.targets')}
          </h3>
          {view.data.targets.length === 0 ? (
            <p className="muted">{t.t('admin.notify.noTargets')}</p>
          ) : (
            <ul aria-labelledby={`${id}-targets`} data-testid="notify-targets">
              {view.data.targets.map((target) => (
                <li key={target.id}>
                  <code>{target.display}</code>
                  {target.source === 'default' && (
                    <span className="muted"> {t.t('admin.notify.fromDefault')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <button
            className="button"
            type="button"
            data-testid="notify-test"
            disabled={test.isPending || view.data.targets.length === 0}
            onClick={() => test.mutate()}
          >
            {test.isPending ? t.t('admin.notify.sending') : t.t('admin.notify.sendTest')}
          </button>
          <div role="status">
            {test.isSuccess && (
              <p className="muted">{t.plural('admin.notify.sent', test.data.targets)}</p>
            )}
          </div>
          {test.isError && (
            <p className="notice card--error" role="alert">
              {adminErrorText(test.error, t)}
            </p>
          )}
          <h3 id={`${id}-log`} className="admin-notify__title">
            {t.t('admin.notify.log')}
          </h3>
          {view.data.deliveries.length === 0 ? (
            <p className="muted">{t.t('admin.notify.noDeliveries')}</p>
          ) : (
            <div className="admin-table-wrap">
              <table className="admin-table" aria-labelledby={`${id}-log`} data-testid="notify-log">
                <thead>
                  <tr>
                    <th scope="col">{t.t('admin.notify.col.event')}</th>
                    <th scope="col">{t.t('admin.notify.col.target')}</th>
                    <th scope="col">{t.t('admin.notify.col.attempts')}</th>
                    <th scope="col">{t.t('admin.notify.col.status')}</th>
                    <th scope="col">{t.t('admin.notify.col.next')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.data.deliveries.map((d) => (
                    <tr key={`${d.eventId}/${d.target.id}`} data-status={d.status}>
                      <td>
                        {t.t(
                          d.type === 'test'
                            ? 'admin.notify.type.test'
                            : 'admin.notify.type.completed',
                        )}
                        <br />
                        <span className="muted">{t.dateTime(d.createdAt)}</span>
                      </td>
                      <td>
                        <code>{d.target.display}</code>
                      </td>
                      <td>{d.attempts}</td>
                      <td>
                        {status(d)}
                        {d.lastError && d.status !== 'delivered' && (
                          <>
                            <br />
                            <span className="muted">
                              {d.lastProblem ? deliveryProblemText(d.lastProblem, t) : d.lastError}
                            </span>
                          </>
                        )}
                      </td>
                      <td>{d.nextAttemptAt === null ? '–' : t.dateTime(d.nextAttemptAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
