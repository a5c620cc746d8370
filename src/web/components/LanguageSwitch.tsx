import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { useErrorText } from './ErrorAlert';
import { applyLanguage } from '../i18n';
import { notify } from '../lib/notify';
import { useOptionalSession } from '../lib/session';

/** vi/en; remembered in this browser and, when signed in, on the account. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const session = useOptionalSession();
  const errorText = useErrorText();
  const change = (value: string) => {
    const locale: Locale = value === 'en' ? 'en' : 'vi';
    if (!session) {
      applyLanguage(locale);
      return;
    }
    session.setLocale(locale).catch((err) => notify({ color: 'red', message: errorText(err) }));
  };
  // Two buttons, not a SegmentedControl: the switch is on the sign-in and public pages, and SegmentedControl (≈ 3 KB
  // gzipped) would be in each of their first loads only for this (issue 14, bench/bundle.ts).
  const current: Locale = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Button.Group aria-label={t('lang.label')} data-testid="lang-switch">
      {(['vi', 'en'] as const).map((l) => (
        <Button key={l} size="compact-xs" px={6} variant={current === l ? 'filled' : 'default'} aria-pressed={current === l} onClick={() => current !== l && change(l)}>
          {t(`lang.${l}`)}
        </Button>
      ))}
    </Button.Group>
  );
}
