// The public page where anyone checks a training certificate by its code (typed, or from the QR code, which also
// carries the signature): the record's own status and contents, so an edited PDF cannot pass. The public entry,
// plain HTML, no account.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '../../../../domain/dates';
import { ApiError, api, call } from '../../../api/client';
import { useNumberFormat } from '../../../lib/format';
import { useLoad } from '../../../plain/load';
import { navigate, useAddress, useParams } from '../../../plain/router';
import { Alert, Badge, Button, ErrorBox, Loading, PlainLayout, TextField } from '../../../plain/ui';

const statusTone = { valid: 'green', revoked: 'red', expired: 'orange' } as const;

export function VerifyPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const signature = useAddress().search.get('s') ?? undefined;
  const [typed, setTyped] = useState(code ?? '');
  const n = useNumberFormat();
  const result = useLoad(
    `verify:${code ?? ''}:${signature ?? ''}`,
    (signal) => call(api.GET('/api/public/training/certificates/{code}', { params: { path: { code: code! }, query: { s: signature } }, signal, credentials: 'omit' })),
    !!code,
  );
  const v = result.data;
  const row = (label: string, value: string, testId?: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td data-testid={testId} className="pl-anywhere">
        {value}
      </td>
    </tr>
  );
  return (
    <PlainLayout title={t('training.verify.title')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) navigate(`/xac-minh/${encodeURIComponent(typed.trim().toUpperCase())}`);
        }}
      >
        <div className="pl-row">
          <div className="pl-grow">
            <TextField label={t('training.verify.code')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} className="pl-mono" autoComplete="off" testId="verify-code" />
          </div>
          <Button type="submit" data-testid="verify-submit">
            {t('training.verify.check')}
          </Button>
        </div>
      </form>
      {result.error instanceof ApiError && result.error.status === 404 ? (
        <Alert tone="red" role="alert" testId="verify-not-found">
          {t('training.verify.notFound')}
        </Alert>
      ) : result.error ? (
        <ErrorBox error={result.error} />
      ) : null}
      {code && result.isPending && <Loading />}
      {v && (
        <div className="pl-card pl-stack-sm" data-testid="verify-result">
          <div className="pl-badges">
            <Badge tone={statusTone[v.status]} testId="verify-status">
              {t(`training.verify.status.${v.status}`)}
            </Badge>
            <span className="pl-mono pl-sm">{v.code}</span>
          </div>
          <Alert tone={v.signature === 'valid' ? 'green' : v.signature === 'invalid' ? 'red' : 'gray'} testId="verify-signature">
            {t(`training.verify.signature.${v.signature}`)}
          </Alert>
          <div className="pl-table-box" style={{ border: 0 }}>
            <table className="pl-table pl-plain">
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
            </table>
          </div>
          <p className="pl-xs pl-dimmed">{t('training.verify.compare')}</p>
        </div>
      )}
    </PlainLayout>
  );
}
