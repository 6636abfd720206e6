import type { LinkSubmissionSettings } from '../../../protocol/submissions';
import { useI18n } from '../../i18n/use-i18n';
import '../../i18n/catalogue-en-submissions';

/**
 * What a link asks before it signs, as its owner set it (never the password itself): details,
 * custom fields, whether it has a password and terms, and where each submission's files go.
 */
export function LinkAsks({ settings }: { settings: LinkSubmissionSettings }) {
  const { t } = useI18n();
  const asks = [
    ...settings.details.map((d) => t.t(`detail.${d}`)),
    ...settings.fields.map((f) =>
      f.required ? f.label : t.t('admin.asks.optionalField', { label: f.label }),
    ),
  ];
  if (settings.password) asks.push(t.t('admin.asks.password'));
  if (settings.terms) asks.push(t.t('admin.asks.terms'));
  return (
    <div className="muted admin-asks" data-testid="link-asks">
      {asks.length > 0 && <p>{t.t('admin.asks.list', { items: t.list(asks, 'conjunction') })}</p>}
      <p>{t.t('admin.asks.folder', { template: settings.folderTemplate ?? '{submission}/' })}</p>
      {settings.terms && (
        <details>
          <summary>{t.t('admin.asks.showTerms')}</summary>
          <p className="admin-asks__terms">{settings.terms.text}</p>
        </details>
      )}
    </div>
  );
}
