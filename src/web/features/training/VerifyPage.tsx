// The public page where anyone checks a training certificate by its code (typed, or from the QR code, which also
// carries the signature): the record's own status and contents, so an edited PDF cannot pass. No account.
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { ApiError, api, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LightTable } from '../../components/LightTable';
import { useNumberFormat } from '../../lib/format';
import { PublicLayout } from '../../components/PublicLayout';

const statusColor = { valid: 'green', revoked: 'red', expired: 'orange' } as const;

export function VerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code } = useParams();
  const [params] = useSearchParams();
  const signature = params.get('s') ?? undefined;
  const [typed, setTyped] = useState(code ?? '');
  const n = useNumberFormat();
  const result = useQuery({
    queryKey: ['certificate-verify', code, signature],
    queryFn: ({ signal }) => call(api.GET('/api/public/training/certificates/{code}', { params: { path: { code: code! }, query: { s: signature } }, signal, credentials: 'omit' })),
    enabled: !!code,
    retry: false,
  });
  const v = result.data;
  const row = (label: string, value: string, testId?: string) => (
    <tr>
      <th style={{ width: '40%', fontWeight: 500 }}>{label}</th>
      <td data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </td>
    </tr>
  );
  return (
    <PublicLayout title={t('training.verify.title')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) navigate(`/xac-minh/${encodeURIComponent(typed.trim().toUpperCase())}`);
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('training.verify.code')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} ff="monospace" autoComplete="off" style={{ flex: '1 1 220px' }} data-testid="verify-code" />
          <Button type="submit" data-testid="verify-submit">
            {t('training.verify.check')}
          </Button>
        </Group>
      </form>
      {result.error instanceof ApiError && result.error.status === 404 ? (
        <Alert color="red" data-testid="verify-not-found">
          {t('training.verify.notFound')}
        </Alert>
      ) : result.error ? (
        <ErrorAlert error={result.error} />
      ) : null}
      {v && (
        <Card withBorder padding="sm" data-testid="verify-result">
          <Stack gap="sm">
            <Group gap="xs" wrap="wrap">
              <Badge size="lg" color={statusColor[v.status]} variant="light" c={`${statusColor[v.status]}.9`} data-testid="verify-status">
                {t(`training.verify.status.${v.status}`)}
              </Badge>
              <Text ff="monospace" size="sm">
                {v.code}
              </Text>
            </Group>
            <Alert color={v.signature === 'valid' ? 'green' : v.signature === 'invalid' ? 'red' : 'gray'} data-testid="verify-signature" p="xs">
              {t(`training.verify.signature.${v.signature}`)}
            </Alert>
            <LightTable withRowBorders={false} verticalSpacing={4}>
              <tbody>
                {row(t('training.verify.person'), v.personName, 'verify-person')}
                {row(t('training.verify.course'), v.courseTitle, 'verify-course')}
                {row(t('training.verify.organizer'), v.organizer)}
                {row(t('training.verify.dates'), `${formatDateVi(v.startsOn)} – ${formatDateVi(v.endsOn)}`)}
                {row(t('training.verify.hours'), n.decimal(v.hours))}
                {row(t('training.verify.attendance'), n.pct(v.attendancePct))}
                {row(t('training.verify.result'), t(`training.result.${v.result}`, { defaultValue: v.result }))}
                {v.score !== null && row(t('training.verify.score'), n.decimal(v.score))}
                {row(t('training.verify.issuedOn'), formatDateVi(v.issuedOn))}
                {v.expiresOn && row(t('training.verify.expiresOn'), formatDateVi(v.expiresOn))}
                {v.revokedOn && row(t('training.verify.revokedOn'), formatDateVi(v.revokedOn))}
                {v.revokedReason && row(t('training.verify.revokedReason'), v.revokedReason)}
              </tbody>
            </LightTable>
            <Text size="xs" c="dimmed">
              {t('training.verify.compare')}
            </Text>
          </Stack>
        </Card>
      )}
    </PublicLayout>
  );
}
