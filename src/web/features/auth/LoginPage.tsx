import { Anchor, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import type { Session } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useForm } from '../../lib/form';
import { acceptSession, ME_KEY } from '../../lib/session';
import { LanguageSwitch } from '../../components/LanguageSwitch';

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useForm({ username: '', password: '' });
  // A right password on an account with two-factor sign-in: the signed challenge for the second step.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  const second = useForm({ code: '', recoveryCode: '' });
  const signedIn = (session: Session) => {
    queryClient.setQueryData(ME_KEY, acceptSession(session));
    const next = new URLSearchParams(location.search).get('next');
    navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };
  const login = useMutation({
    mutationFn: () => call(api.POST('/api/auth/login', { body: form.values })),
    onSuccess: (answer) => {
      if ('challenge' in answer) {
        setChallenge(answer.challenge);
        second.reset({ code: '', recoveryCode: '' });
      } else signedIn(answer);
    },
    onError: (err) => form.showError(err),
  });
  const verify = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/auth/login/second-step', {
          body: useRecovery
            ? { challenge: challenge!, recoveryCode: second.values.recoveryCode.trim() }
            : { challenge: challenge!, code: second.values.code.replace(/\s+/g, '') },
        }),
      ),
    onSuccess: signedIn,
    onError: (err) => {
      // An expired challenge: back to the password.
      if (err instanceof ApiError && err.code === 'unauthenticated') {
        setChallenge(null);
        form.showError(err);
      } else second.showError(err);
    },
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
          {challenge ? (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                second.clearErrors();
                verify.mutate();
              }}
            >
              <Stack>
                <Text size="sm">{useRecovery ? t('login.recoveryHelp') : t('login.codeHelp')}</Text>
                {useRecovery ? (
                  <TextInput
                    label={t('login.recoveryCode')}
                    autoComplete="off"
                    autoCapitalize="none"
                    spellCheck={false}
                    required
                    autoFocus
                    {...second.text('recoveryCode')}
                    data-testid="login-recovery-code"
                  />
                ) : (
                  <TextInput
                    label={t('login.code')}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={8}
                    required
                    autoFocus
                    {...second.text('code')}
                    data-testid="login-code"
                  />
                )}
                {second.formError && <ErrorAlert error={second.formError} title={t('login.failed')} />}
                <Button type="submit" loading={verify.isPending} data-testid="login-verify">
                  {t('login.verify')}
                </Button>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    second.clearErrors();
                    setUseRecovery((r) => !r);
                  }}
                  data-testid="login-use-recovery"
                >
                  {useRecovery ? t('login.useCode') : t('login.useRecovery')}
                </Anchor>
                <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => setChallenge(null)}>
                  {t('login.back')}
                </Anchor>
              </Stack>
            </form>
          ) : (
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
          )}
          <Anchor component={Link} to="/gop-y" size="sm" ta="center" data-testid="login-to-report">
            {t('login.reportLink')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
