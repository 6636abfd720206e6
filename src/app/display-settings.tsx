import { useId, useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales';
import { applyThemeChoice, readThemeChoice, THEME_CHOICES, type ThemeChoice } from './theme-choice';

/** Language and theme switches; both remembered where storage allows. */
export function DisplaySettings() {
  const { t, locale, setLocale } = useI18n();
  const [theme, setTheme] = useState<ThemeChoice>(readThemeChoice);
  const languageId = useId();
  const themeId = useId();
  return (
    <div className="settings" role="group" aria-label={t.t('settings.label')}>
      <div className="settings__field">
        <label className="settings__label" htmlFor={languageId}>
          {t.t('settings.language')}
        </label>
        <select
          id={languageId}
          value={locale}
          onChange={(event) => {
            if (isLocale(event.target.value)) setLocale(event.target.value);
          }}
        >
          {LOCALES.map((option) => (
            <option key={option} value={option} lang={option}>
              {LOCALE_NAMES[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="settings__field">
        <label className="settings__label" htmlFor={themeId}>
          {t.t('settings.theme')}
        </label>
        <select
          id={themeId}
          value={theme}
          onChange={(event) => {
            const choice = event.target.value as ThemeChoice;
            applyThemeChoice(choice, true);
            setTheme(choice);
          }}
        >
          {THEME_CHOICES.map((option) => (
            <option key={option} value={option}>
              {t.t(`theme.${option}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
