import { SegmentedControl } from '@mantine/core';
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
  return (
    <SegmentedControl
      size="xs"
      value={i18n.language === 'en' ? 'en' : 'vi'}
      onChange={change}
      data={[
        { value: 'vi', label: t('lang.vi') },
        { value: 'en', label: t('lang.en') },
      ]}
      aria-label={t('lang.label')}
      data-testid="lang-switch"
    />
  );
}
