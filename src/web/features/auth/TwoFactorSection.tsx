// Two-factor sign-in of the signed-in user: set it up (QR code, the key to type by hand, a first code), the ten
// recovery codes shown once (copy, download, print; kept on screen until the user says they saved them), new
// recovery codes against a code, and turning it off where the role allows.
import { Alert, Badge, Box, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, setCsrfToken, type Schemas } from '../../api/client';
import type { Session } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useForm } from '../../lib/form';

const STATUS_KEY = ['two-factor'] as const;

function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');
  const download = () => {
    const url = URL.createObjectURL(new Blob([`chibo\n${text}\n`], { type: 'text/plain' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: 'chibo-recovery-codes.txt' });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Stack data-testid="recovery-codes">
      <Alert color="yellow" title={t('twoFactor.codesTitle')}>
        {t('twoFactor.codesHelp')}
      </Alert>
      <SimpleGrid cols={2} spacing="xs">
        {codes.map((c) => (
          <Code key={c} fz="md" ta="center" data-testid="recovery-code">
            {c}
          </Code>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Button
          variant="light"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? t('twoFactor.copied') : t('twoFactor.copy')}
        </Button>
        <Button variant="light" onClick={download}>
          {t('twoFactor.download')}
        </Button>
        <Button variant="light" onClick={() => window.print()}>
          {t('twoFactor.print')}
        </Button>
      </Group>
      <Button onClick={onSaved} data-testid="recovery-saved">
        {t('twoFactor.saved')}
      </Button>
    </Stack>
  );
}

function Enrolment({ onEnabled }: { onEnabled: (codes: string[], session: Session) => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<Schemas['TwoFactorEnrolment'] | null>(null);
  const form = useForm({ code: '' });
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/auth/two-factor/enrol')),
    onSuccess: setSetup,
    onError: (err) => form.showError(err),
  });
  const confirm = useMutation({
    mutationFn: () => call(api.POST('/api/auth/two-factor/confirm', { body: { code: form.values.code.replace(/\s+/g, '') } })),
    onSuccess: (answer) => {
      // The session may have been replaced (one limited to enrolment): its CSRF token is needed at once.
      setCsrfToken(answer.session.csrfToken);
      onEnabled(answer.recoveryCodes, answer.session);
    },
    onError: (err) => form.showError(err),
  });
  if (!setup)
    return (
      <Stack>
        {form.formError && <ErrorAlert error={form.formError} />}
        <Button onClick={() => start.mutate()} loading={start.isPending} data-testid="two-factor-start">
          {t('twoFactor.start')}
        </Button>
      </Stack>
    );
  return (
    <Stack>
      <Text size="sm">{t('twoFactor.scan')}</Text>
      <Box
        w={220}
        maw="100%"
        mx="auto"
        role="img"
        aria-label={t('twoFactor.qrLabel')}
        data-testid="two-factor-qr"
        // The server renders the QR code (qrcode, SVG from the otpauth:// URI); nothing here comes from a user.
        dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
      />
      <Text size="sm">{t('twoFactor.manual')}</Text>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="two-factor-secret">
        {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
      </Code>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          form.clearErrors();
          confirm.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('twoFactor.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            required
            {...form.text('code')}
            data-testid="two-factor-code"
          />
          {form.formError && <ErrorAlert error={form.formError} />}
          <Button type="submit" loading={confirm.isPending} data-testid="two-factor-confirm">
            {t('twoFactor.confirm')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function CodeAction({ label, onDone, run, testId, color }: { label: string; testId: string; color?: string; run: (code: string) => Promise<unknown>; onDone: (r: unknown) => void }) {
  const { t } = useTranslation();
  const form = useForm({ code: '' });
  const action = useMutation({ mutationFn: () => run(form.values.code.replace(/\s+/g, '')), onSuccess: onDone, onError: (err) => form.showError(err) });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        form.clearErrors();
        action.mutate();
      }}
    >
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput label={t('twoFactor.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={8} w={140} {...form.text('code')} data-testid={`${testId}-code`} />
        <Button type="submit" variant="light" color={color} loading={action.isPending} data-testid={testId}>
          {label}
        </Button>
      </Group>
      {form.formError && <ErrorAlert error={form.formError} />}
    </form>
  );
}

/**
 * `limited`: the user must set it up before anything else (the enrolment gate); `onSessionReady` takes the full
 * session once the recovery codes are saved.
 */
export function TwoFactorSection({ limited = false, onSessionReady }: { limited?: boolean; onSessionReady?: (s: Session) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: STATUS_KEY, queryFn: () => call(api.GET('/api/auth/two-factor')) });
  const [shown, setShown] = useState<{ codes: string[]; session: Session | null } | null>(null);

  const saved = () => {
    const session = shown?.session ?? null;
    setShown(null);
    void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    if (session && onSessionReady) onSessionReady(session);
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={3}>{t('twoFactor.title')}</Title>
          {status.data && (
            <Badge color={status.data.enabled ? 'green.9' : 'gray.7'} variant="filled" data-testid="two-factor-status">
              {status.data.enabled ? t('twoFactor.on') : t('twoFactor.off')}
            </Badge>
          )}
        </Group>
        <Text size="sm">{t('twoFactor.intro')}</Text>
        {status.error && <ErrorAlert error={status.error} />}
        {shown ? (
          <RecoveryCodes codes={shown.codes} onSaved={saved} />
        ) : status.data && !status.data.enabled ? (
          <>
            {status.data.required && (
              <Alert color={limited ? 'red' : 'blue'}>{limited ? t('twoFactor.requiredNow') : t('twoFactor.requiredDemo')}</Alert>
            )}
            <Enrolment onEnabled={(codes, session) => setShown({ codes, session })} />
          </>
        ) : status.data ? (
          <Stack>
            <Text size="sm" data-testid="two-factor-left">
              {t('twoFactor.left', { count: status.data.recoveryCodesLeft })}
            </Text>
            <CodeAction
              label={t('twoFactor.regenerate')}
              testId="two-factor-regenerate"
              run={(code) => call(api.POST('/api/auth/two-factor/recovery-codes', { body: { code } }))}
              onDone={(r) => setShown({ codes: (r as { recoveryCodes: string[] }).recoveryCodes, session: null })}
            />
            {!status.data.required && (
              <CodeAction
                label={t('twoFactor.disable')}
                testId="two-factor-disable"
                color="red"
                run={(code) => call(api.POST('/api/auth/two-factor/disable', { body: { code } }))}
                onDone={() => void queryClient.invalidateQueries({ queryKey: STATUS_KEY })}
              />
            )}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
