// The public page of a consultation (no account): the question and its options; answering with the one-time ballot
// code from the slip handed out at the village meeting; the result once it has closed.
import { Alert, Anchor, Button, Card, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, apiUrl, ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { PublicLayout } from '../../components/PublicLayout';
import { issueWith } from './api';
import { ResultView } from './ResultView';

/** A refused answer says what to do about it (the code, the option, the dates); anything else is the general error. */
function AnswerError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const fields = error instanceof ApiError ? error.fields.filter((f) => f.code) : [];
  if (fields.length === 0) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" role="alert" data-testid="error-alert">
      {fields.map((f, i) => (
        <Text key={`${f.path}:${i}`} size="sm" data-testid={`issue-${f.code}`}>
          {issueWith(t)(f)}
        </Text>
      ))}
    </Alert>
  );
}

export function PublicConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const query = useQuery({ queryKey: ['public-consultation', id], queryFn: ({ signal }) => call(api.GET('/api/public/consultations/{id}', { params: { path: { id } }, signal, credentials: 'omit' })) });
  const answer = useMutation({
    mutationFn: () => call(api.POST('/api/public/consultations/{id}/answer', { params: { path: { id } }, body: { code, optionId: choice ?? '' }, credentials: 'omit' })),
    onSuccess: () => setCode(''),
  });
  return (
    <PublicLayout title={query.data?.title ?? t('consultations.public.title')}>
      <QueryState query={query}>
        {(c) => (
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {c.unitName}
              {c.unitKind === 'cell' ? ` (${c.communeName})` : ''} · {t('consultations.window', { from: formatDateVi(c.opensOn), to: formatDateVi(c.closesOn) })}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="public-question">
              {c.question}
            </Text>
            {c.documents.map((d) => (
              <Anchor key={d.id} href={apiUrl(`/api/public/consultations/${c.id}/documents/${d.id}` as '/api/public/consultations/{id}/documents/{documentId}')} size="sm" underline="always">
                {d.fileName}
              </Anchor>
            ))}
            {c.state === 'open' &&
              (answer.isSuccess ? (
                <Alert color="green" data-testid="public-thanks">
                  {t('consultations.public.thanks')}
                </Alert>
              ) : (
                <Card withBorder padding="sm">
                  <form
                    noValidate
                    onSubmit={(e) => {
                      e.preventDefault();
                      answer.mutate();
                    }}
                  >
                    <Stack gap="sm">
                      <Radio.Group label={t('consultations.public.choose')} value={choice} onChange={setChoice}>
                        <Stack gap={6} mt={4}>
                          {c.options.map((o, i) => (
                            <Radio key={o.id} value={o.id} label={o.label} data-testid={`public-option-${i}`} />
                          ))}
                        </Stack>
                      </Radio.Group>
                      <TextInput
                        label={t('consultations.public.code')}
                        description={t('consultations.public.codeHint')}
                        value={code}
                        onChange={(e) => setCode(e.currentTarget.value)}
                        autoComplete="off"
                        autoCapitalize="characters"
                        styles={{ input: { fontFamily: 'monospace' } }}
                        data-testid="public-code"
                      />
                      {answer.error && <AnswerError error={answer.error} />}
                      <Button type="submit" disabled={!choice || code.trim() === ''} loading={answer.isPending} data-testid="public-submit">
                        {t('consultations.public.submit')}
                      </Button>
                    </Stack>
                  </form>
                </Card>
              ))}
            {c.state === 'upcoming' && <Alert color="gray">{t('consultations.public.upcoming')}</Alert>}
            {c.state === 'closed' && <Alert color="gray">{t('consultations.public.closed')}</Alert>}
            {c.result ? (
              <Card withBorder padding="sm">
                <Title order={4} mb="xs">
                  {t('consultations.result')}
                </Title>
                <ResultView result={c.result} showOrigins={false} />
              </Card>
            ) : (
              <Text size="sm" c="dimmed">
                {t('consultations.resultHidden')}
              </Text>
            )}
            {c.decision && (
              <Card withBorder padding="sm">
                <Title order={4} mb="xs">
                  {t('consultations.decision')}
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.decision}
                </Text>
                {c.followUp && (
                  <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {c.followUp}
                  </Text>
                )}
              </Card>
            )}
          </Stack>
        )}
      </QueryState>
    </PublicLayout>
  );
}
