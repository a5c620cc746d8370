// The public check of a certificate of merit, from its QR code: no account; what the certificate says as the record
// holds it now, and whether the signature the QR carried is the record's (an edited PDF does not pass).
import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, call } from '../../api/client';
import { PublicLayout } from '../../components/PublicLayout';
import { QueryState } from '../../components/QueryState';
import { formatScore } from './shared';

export function MeritCheckPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const s = params.get('s') ?? undefined;
  const check = useQuery({
    queryKey: ['contest', 'merit', id, s],
    queryFn: ({ signal }) => call(api.GET('/api/public/contest-certificates/{id}', { params: { path: { id }, query: { s } }, signal })),
    retry: false,
  });
  return (
    <PublicLayout title={t('contest.merit.title')} size={640}>
      <QueryState query={check}>
        {(c) => (
          <Stack gap="xs" data-testid="merit-result">
            <Alert color={c.signature === 'valid' ? 'green' : c.signature === 'invalid' ? 'red' : 'yellow'} variant="light" data-testid="merit-signature">
              {t(`contest.merit.signature.${c.signature}`)}
            </Alert>
            <Text fw={600} size="lg" style={{ overflowWrap: 'anywhere' }}>
              {c.personName}
            </Text>
            <Text style={{ overflowWrap: 'anywhere' }}>{t('contest.merit.of', { cell: c.cell, commune: c.commune })}</Text>
            <Text fw={600} c="yellow.9">
              {t(`contest.award.${c.award}`)} — {t('contest.merit.rank', { rank: c.rank ?? '–', total: formatScore(c.total, i18n.language) })}
            </Text>
            <Text style={{ overflowWrap: 'anywhere' }}>{c.contest}</Text>
            <Text size="sm" c="dimmed">
              {t('contest.merit.published', { date: formatDateVi(c.publishedOn) })} · {t('contest.merit.code', { code: c.code })}
            </Text>
          </Stack>
        )}
      </QueryState>
    </PublicLayout>
  );
}
