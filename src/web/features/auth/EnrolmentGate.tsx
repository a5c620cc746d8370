// A user whose role must use two-factor sign-in and who has not set it up: this page before anything else (the
// server answers every other route with 403 two_factor_enrolment until then).
import { Box, Button, Center, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, setCsrfToken } from '../../api/client';
import { acceptSession, ME_KEY } from '../../lib/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { TwoFactorSection } from './TwoFactorSection';

export function EnrolmentGate() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = async () => {
    try {
      await call(api.POST('/api/auth/logout'));
    } finally {
      setCsrfToken(null);
      queryClient.setQueryData(ME_KEY, null);
    }
  };
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={560}>
        <Stack>
          <Paper p="sm" withBorder radius="md">
            <Box style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
              <Title order={2}>{t('app.name')}</Title>
              <LanguageSwitch />
            </Box>
          </Paper>
          <TwoFactorSection limited onSessionReady={(session) => queryClient.setQueryData(ME_KEY, acceptSession(session))} />
          <Button variant="subtle" color="gray" onClick={() => void signOut()} data-testid="enrolment-logout">
            {t('nav.logout')}
          </Button>
        </Stack>
      </Box>
    </Center>
  );
}
