// The published results of a year's contest (the public entry, plain HTML, no account): every round's ranking and
// the awards. The organizers' ranking (with the judges' columns) is RankTable in the app.
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '../../../../domain/dates';
import { api, call } from '../../../api/client';
import { useLoad } from '../../../plain/load';
import { Link, useParams } from '../../../plain/router';
import { Badge, LoadState, PlainLayout } from '../../../plain/ui';
import type { RankRow } from '../RankTable';
import { formatScore } from '../shared';

function PublicRanking({ entries }: { entries: RankRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="pl-table-box">
      <table className="pl-table pl-lines pl-striped" data-testid="public-results">
        <thead>
          <tr>
            <th scope="col">{t('contest.rank.rank')}</th>
            <th scope="col">{t('contest.rank.name')}</th>
            <th scope="col">{t('contest.rank.total')}</th>
            <th scope="col">{t('contest.rank.award')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={i}>
              <td>{e.rank}</td>
              <td>
                <p className="pl-sm pl-strong pl-anywhere">{e.name}</p>
                <p className="pl-xs pl-dimmed pl-anywhere">
                  {e.cell}, {e.commune}
                </p>
              </td>
              <td>{formatScore(e.total, i18n.language)}</td>
              <td>{e.award && <Badge tone="yellow">{t(`contest.award.${e.award}`)}</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ResultsPage() {
  const { t } = useTranslation();
  const { year = '' } = useParams();
  const results = useLoad(`results:${year}`, (signal) => call(api.GET('/api/public/contests/{year}/results', { params: { path: { year: Number(year) } }, signal, credentials: 'omit' })));
  return (
    <PlainLayout title={t('contest.results.title', { year })} wide>
      <LoadState load={results}>
        {(data) => (
          <div className="pl-stack">
            <p className="pl-sm pl-dimmed">{t('contest.results.publishedAt', { date: formatDateVi(data.publishedAt.slice(0, 10)) })}</p>
            <div className="pl-row pl-sm">
              <span>{t('contest.results.other')}:</span>
              {data.years.map((y) => (
                <Link key={y} to={`/results/contest/${y}`}>
                  {y}
                </Link>
              ))}
            </div>
            {[...data.rounds].reverse().map((r) => (
              <section key={r.id} className="pl-stack-sm">
                <h2 className="pl-h2">{r.title}</h2>
                <PublicRanking entries={r.entries} />
              </section>
            ))}
          </div>
        )}
      </LoadState>
    </PlainLayout>
  );
}
