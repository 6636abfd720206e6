import { useId } from 'react';
import type { AdminSubmission } from '../../../protocol/submissions';
import type { Translator } from '../../i18n/create-translator';
import { useI18n } from '../../i18n/use-i18n';
import '../../i18n/catalogue-en-submissions';

/** Who sent it, in a few words: the name, else the email or organisation, else "no details". */
function senderOf(s: AdminSubmission, t: Translator): { who: string; more: string | null } {
  const { name, email, organisation, phone } = s.uploader;
  const who = name ?? email ?? organisation ?? phone;
  if (!who) return { who: t.t('admin.subs.anonymous'), more: null };
  const more = [email, organisation].filter((v) => v && v !== who).join(t.t('list.separator'));
  return { who, more: more || null };
}

/**
 * A link's submissions as a table (newest first): who, when, how many files, their size, open
 * or closed. The button that shows one's files sits under the sender's name, in the first
 * column: the table scrolls sideways on its own on a narrow screen (so the page never does),
 * and a button in the last column was out of sight there until the table was scrolled.
 */
export function SubmissionsTable({
  submissions,
  linkTitle,
  selected,
  onSelect,
}: {
  submissions: readonly AdminSubmission[];
  linkTitle: string;
  selected: string | null;
  onSelect(id: string | null): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="admin-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="admin-table" data-testid="submissions-list">
        <caption id={`${id}-caption`} className="visually-hidden">
          {t.t('admin.subs.caption', { title: linkTitle })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.t('admin.subs.col.who')}</th>
            <th scope="col">{t.t('admin.subs.col.started')}</th>
            <th scope="col">{t.t('admin.subs.col.files')}</th>
            <th scope="col">{t.t('admin.subs.col.size')}</th>
            <th scope="col">{t.t('admin.subs.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => {
            const sender = senderOf(s, t);
            return (
              <tr
                key={s.id}
                data-testid="submission-row"
                data-submission-id={s.id}
                data-state={s.state}
                aria-current={selected === s.id ? 'true' : undefined}
              >
                <td className="admin-table__name">
                  {sender.who}
                  {sender.more && (
                    <>
                      <br />
                      <span className="muted">{sender.more}</span>
                    </>
                  )}
                  <br />
                  <button
                    type="button"
                    className="button button--quiet admin-table__show"
                    aria-expanded={selected === s.id}
                    aria-label={t.t('admin.subs.showNamed', {
                      who: sender.who,
                      date: t.dateTime(s.startedAt),
                    })}
                    onClick={() => onSelect(selected === s.id ? null : s.id)}
                    data-testid="submission-show"
                  >
                    {t.t('admin.subs.show')}
                  </button>
                </td>
                <td className="admin-table__nowrap">{t.dateTime(s.startedAt)}</td>
                <td>
                  {t.plural('count.files', s.files)}
                  {s.failed > 0 && (
                    <>
                      <br />
                      <span className="muted">{t.plural('overall.failed', s.failed)}</span>
                    </>
                  )}
                  {s.inFlight > 0 && (
                    <>
                      <br />
                      <span className="muted">
                        {t.t('admin.links.inFlight', {
                          files: t.plural('count.files', s.inFlight),
                        })}
                      </span>
                    </>
                  )}
                </td>
                <td className="admin-table__nowrap">{t.bytes(s.totalBytes)}</td>
                <td>{t.t(`admin.subs.state.${s.state}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
