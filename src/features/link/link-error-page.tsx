import { useI18n } from '../../i18n/use-i18n';

/** A full page for a link that cannot be used: which problem, in plain words. No dropzone. */
export function LinkErrorPage({ code }: { code: string }) {
  const { t } = useI18n();
  const text = t.error(code);
  return (
    <section className="card card--error" data-link-error={code} aria-labelledby="link-error-title">
      <h1 id="link-error-title" className="card__title">
        {text.what}
      </h1>
      <p>{text.todo}</p>
    </section>
  );
}
