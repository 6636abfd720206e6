import { useId, useState } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales';
import { applyThemeChoice, readThemeChoice, THEME_CHOICES, type ThemeChoice } from './theme-choice';

/** Language and theme switches; both remembered where storage allows. */
export function DisplaySettings() {
  const { t, locale, setLocale } = useI18n();
  const [theme, setTheme] = useState<ThemeChoice>(readThemeChoice);
  return (
    <div className="settings" role="group" aria-label={t.t('settings.label')}>
      <Setting
        label={t.t('settings.language')}
        value={locale}
        options={LOCALES.map((option) => ({
          value: option,
          name: LOCALE_NAMES[option],
          lang: option,
        }))}
        onChange={(value) => {
          if (isLocale(value)) setLocale(value);
        }}
      />
      <Setting
        label={t.t('settings.theme')}
        value={theme}
        options={THEME_CHOICES.map((option) => ({ value: option, name: t.t(`theme.${option}`) }))}
        onChange={(value) => {
          const choice = value as ThemeChoice;
          applyThemeChoice(choice, true);
          setTheme(choice);
        }}
      />
    </div>
  );
}

/** One labelled choice; an option's `lang` lets a screen reader say its name in its language. */
function Setting({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; name: string; lang?: string }>;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="settings__field">
      <label className="settings__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}
