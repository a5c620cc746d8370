// The public check of a certificate of merit, from its QR code (the public entry, plain HTML, no account): what the
// certificate says as the record holds it now, and whether the signature the QR carried is the record's.
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '../../../../domain/dates';
import { api, call } from '../../../api/client';
import { useLoad } from '../../../plain/load';
import { useAddress, useParams } from '../../../plain/router';
import { Alert, LoadState, PlainLayout } from '../../../plain/ui';
import { formatScore } from '../shared';

export function MeritCheckPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const s = useAddress().search.get('s') ?? undefined;
  const check = useLoad(`merit:${id}:${s ?? ''}`, (signal) => call(api.GET('/api/public/contest-certificates/{id}', { params: { path: { id }, query: { s } }, signal, credentials: 'omit' })));
  return (
    <PlainLayout title={t('contest.merit.title')}>
      <LoadState load={check}>
        {(c) => (
          <div className="pl-stack-sm" data-testid="merit-result">
            <Alert tone={c.signature === 'valid' ? 'green' : c.signature === 'invalid' ? 'red' : 'yellow'} testId="merit-signature">
              {t(`contest.merit.signature.${c.signature}`)}
            </Alert>
            <p className="pl-strong pl-anywhere" style={{ fontSize: '1.125rem' }}>
              {c.personName}
            </p>
            <p className="pl-anywhere">{t('contest.merit.of', { cell: c.cell, commune: c.commune })}</p>
            <p className="pl-strong" style={{ color: '#8a5000' }}>
              {t(`contest.award.${c.award}`)} — {t('contest.merit.rank', { rank: c.rank ?? '–', total: formatScore(c.total, i18n.language) })}
            </p>
            <p className="pl-anywhere">{c.contest}</p>
            <p className="pl-sm pl-dimmed">
              {t('contest.merit.published', { date: formatDateVi(c.publishedOn) })} · {t('contest.merit.code', { code: c.code })}
            </p>
          </div>
        )}
      </LoadState>
    </PlainLayout>
  );
}
