// The reader's own e-mail address, on the page where they choose what reaches them by e-mail: without one, the
// e-mail choices reach nobody, and the card says so.
import { Alert, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export function OwnEmailCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = useQuery({ queryKey: ['own-email'], queryFn: () => call(api.GET('/api/auth/me/email')) });
  const form = useForm({ email: '' });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) form.setValues({ email: current.data.email ?? '' });
  }, [current.data]);
  const write = useWrite(() => call(api.PUT('/api/auth/me/email', { body: { email: form.values.email.trim() || null } })), {
    onSuccess: (r) => {
      client.setQueryData(['own-email'], r);
      setSaved(true);
    },
    onError: form.showError,
  });
  const submit = () => {
    form.clearErrors();
    setSaved(false);
    const email = form.values.email.trim();
    if (email && !EMAIL_PATTERN.test(email)) form.setErrors({ email: t('fieldErrors.email_format') });
    else write.mutate(undefined);
  };
  return (
    <Card withBorder padding="sm" radius="md">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('inbox.email.title')}
        </Text>
        {current.data && !current.data.email && (
          <Alert color="yellow" variant="light" p="xs" data-testid="own-email-missing">
            {t('inbox.email.missing')}
          </Alert>
        )}
        <TextInput
          label={t('inbox.email.label')}
          type="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          maw={360}
          {...form.text('email')}
          onChange={(e) => {
            setSaved(false);
            form.setField('email', e.currentTarget.value);
          }}
          data-testid="own-email"
        />
        <Group gap="xs">
          <Button size="compact-sm" onClick={submit} loading={write.isPending} data-testid="own-email-save">
            {t('common.save')}
          </Button>
          {saved && (
            <Text size="sm" c="teal.8" data-testid="own-email-saved">
              {t('inbox.email.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
