// The signed-in user's account: two-factor sign-in (the rest of the account is managed by those above them).
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../lib/session';
import { TwoFactorSection } from './TwoFactorSection';

export function AccountPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <Stack maw={640}>
      <Title order={2}>{t('account.title')}</Title>
      <Text size="sm">
        {me.displayName} · {me.username}
      </Text>
      <TwoFactorSection />
    </Stack>
  );
}
