import { Anchor, Box, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useForm } from '../../lib/form';
import { acceptSession, ME_KEY } from '../../lib/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useForm({ username: '', password: '' });
  const login = useMutation({
    mutationFn: () => call(api.POST('/api/auth/login', { body: form.values })),
    onSuccess: (session) => {
      queryClient.setQueryData(ME_KEY, acceptSession(session));
      const next = new URLSearchParams(location.search).get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/units', { replace: true });
    },
    onError: (err) => form.showError(err),
  });

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={380}>
        <Stack>
          <Box style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <Title order={2}>{t('app.name')}</Title>
            <LanguageSwitch />
          </Box>
          <Title order={4} fw={500} c="dimmed">
            {t('login.title')}
          </Title>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              form.clearErrors();
              login.mutate();
            }}
          >
            <Stack>
              <TextInput
                label={t('login.username')}
                autoComplete="username"
                required
                {...form.text('username')}
                data-testid="login-username"
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                required
                {...form.text('password')}
                data-testid="login-password"
              />
              {form.formError && <ErrorAlert error={form.formError} title={t('login.failed')} />}
              <Button type="submit" loading={login.isPending} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
          <Anchor component={Link} to="/gop-y" size="sm" ta="center" data-testid="login-to-report">
            {t('supervision.linkFromLogin')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
