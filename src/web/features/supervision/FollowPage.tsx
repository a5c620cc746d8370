import { Alert, Badge, Button, Card, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateVi } from '../../../domain/dates';
import { useForm } from '../../lib/form';
import { translateIssues, type Message, type PublicCase } from './api';
import { PublicLayout } from '../../components/PublicLayout';
import { api, call } from '../../api/client';

export function Conversation({ messages, empty }: { messages: Message[]; empty: string }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <Stack gap="xs" data-testid="conversation">
      {messages.map((m) => (
        <Card key={m.seq} withBorder padding="xs" bg={m.author === 'officer' ? 'blue.0' : undefined}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text size="xs" fw={600}>
              {t(`supervision.author.${m.author}`)} · {t(`supervision.kind.${m.kind}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateVi(m.on)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {m.body}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/** A wrong code is said plainly (no technical reference); too many tries likewise; anything else as usual. */
function FollowError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404 || status === 400)
    return (
      <Alert color="orange" role="alert" data-testid="follow-unknown">
        {t('supervision.public.codeUnknown')}
      </Alert>
    );
  if (status === 429)
    return (
      <Alert color="orange" role="alert">
        {t('supervision.public.tooManyTries')}
      </Alert>
    );
  return <ErrorAlert error={error} />;
}

/** Following a report with the receipt code alone; the code stays in this page, never in the address. */
export function FollowPage() {
  const { t } = useTranslation();
  // The report page hands the code over in the router's state; it never goes into the address.
  const handed = (useLocation().state as { code?: unknown } | null)?.code;
  const [code, setCode] = useState(typeof handed === 'string' ? handed : '');
  const [found, setFound] = useState<PublicCase | null>(null);
  const form = useForm({ body: '' });
  const look = useMutation({
    mutationFn: () => call(api.POST('/api/public/reports/follow', { body: { code }, credentials: 'omit' })),
    onSuccess: setFound,
    onError: () => setFound(null),
  });
  const send = useMutation({
    mutationFn: () => call(api.POST('/api/public/reports/answer', { body: { code, body: form.values.body }, credentials: 'omit' })),
    onSuccess: (c) => {
      setFound(c);
      form.reset();
    },
    onError: (err) => form.showError(translateIssues(err, t)),
  });

  return (
    <PublicLayout title={t('supervision.public.followTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          look.mutate();
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('supervision.public.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            autoComplete="off"
            style={{ flex: '1 1 220px' }}
            ff="monospace"
            data-testid="follow-code"
          />
          <Button type="submit" loading={look.isPending} data-testid="follow-submit">
            {t('supervision.public.look')}
          </Button>
        </Group>
      </form>
      {look.error && <FollowError error={look.error} />}
      {found && (
        <Paper withBorder p="md" data-testid="follow-case">
          <Stack gap="sm">
            <Group gap="xs" wrap="wrap">
              <Badge data-testid="follow-status">{t(`supervision.status.${found.status}`)}</Badge>
              <Badge variant="light">{t(`supervision.category.${found.category}`)}</Badge>
            </Group>
            <Text size="sm">
              {t('supervision.public.place')}: {found.cellName}, {found.communeName}
            </Text>
            <Text size="sm">
              {t('supervision.public.receivedOn')}: {formatDateVi(found.receivedOn)}
              {found.dueOn ? ` · ${t('supervision.public.dueOn')}: ${formatDateVi(found.dueOn)}` : ''}
            </Text>
            {found.conclusion && (
              <Text size="sm" fw={600}>
                {t('supervision.public.conclusion')}: {t(`supervision.conclusion.${found.conclusion}`)}
                {found.measure ? ` · ${t(`supervision.measure.${found.measure}`)}` : ''}
              </Text>
            )}
            <Text size="sm" fw={600}>
              {t('supervision.public.yourText')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {found.content}
            </Text>
            {found.attachmentCount > 0 && <Text size="xs">{t('supervision.public.attachments', { count: found.attachmentCount })}</Text>}
            <Text size="sm" fw={600}>
              {t('supervision.public.conversation')}
            </Text>
            <Conversation messages={found.messages} empty={t('supervision.public.noMessages')} />
            {found.canAnswer && (
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  form.clearErrors();
                  send.mutate();
                }}
              >
                <Stack gap="xs">
                  <Textarea label={t('supervision.public.answer')} autosize minRows={3} maxLength={5000} {...form.text('body')} data-testid="follow-answer" />
                  {form.formError && <ErrorAlert error={form.formError} />}
                  <Button type="submit" loading={send.isPending} data-testid="follow-answer-submit">
                    {t('supervision.public.sendAnswer')}
                  </Button>
                </Stack>
              </form>
            )}
          </Stack>
        </Paper>
      )}
    </PublicLayout>
  );
}
