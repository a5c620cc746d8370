// One table for a round's ranking: rank, name with the cell and commune, total and award — the public results; with
// `judges`, also the test, each judge's total (the dropped struck through), the panel's score, who goes on, the
// certificate and the appeal's replay — the organizers' ranking.
import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatScore } from './shared';
import { DownloadButton } from '../../components/DownloadButton';
import { LightTable } from '../../components/LightTable';

type Award = 'first' | 'second' | 'third' | 'consolation';
export interface RankRow {
  rank: number;
  name: string;
  cell: string;
  commune: string;
  total: number | null;
  award: Award | null;
  /** The organizers' columns (with `judges`). */
  id?: string;
  test?: number | null;
  presentation?: number | null;
  judgeTotals?: number[];
  dropped?: number[];
  advances?: boolean;
  attemptId?: string | null;
}

/** The judges' totals, the dropped ones struck through (each once). */
function JudgeTotals({ totals, dropped }: { totals: number[]; dropped: number[] }) {
  const left = [...dropped];
  return (
    <>
      {[...totals]
        .sort((a, b) => b - a)
        .map((x, i) => {
          const k = left.indexOf(x);
          const out = k >= 0;
          if (out) left.splice(k, 1);
          return (
            <Text key={i} span size="sm" td={out ? 'line-through' : undefined} c={out ? 'dimmed' : undefined} mr={6} data-testid={out ? 'dropped-score' : 'kept-score'}>
              {formatScore(x)}
            </Text>
          );
        })}
    </>
  );
}

export function RankTable({ entries, judges = false, published = false, testId }: { entries: RankRow[]; judges?: boolean; published?: boolean; testId: string }) {
  const { t, i18n } = useTranslation();
  const f = (n: number | null | undefined) => formatScore(n, i18n.language);
  return (
    // A plain table (not Mantine's Table, which brings ScrollArea and floating-ui): the public results page uses it.
    <LightTable striped withBorder minWidth={judges ? 640 : 320} data-testid={testId}>
      <thead>
        <tr>
          <th>{t('contest.rank.rank')}</th>
          <th>{t('contest.rank.name')}</th>
          {judges && <th>{t('contest.rank.test')}</th>}
          {judges && <th>{t('contest.rank.judgeScores')}</th>}
          {judges && <th>{t('contest.rank.presentation')}</th>}
          <th>{t('contest.rank.total')}</th>
          <th>{t('contest.rank.award')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={e.id ?? i} data-testid={judges ? 'ranking-row' : undefined} data-name={e.name}>
            <td>{e.rank}</td>
            <td>
              <Text size="sm" fw={500}>
                {e.name}
              </Text>
              <Text size="xs" c="dimmed">
                {e.cell}, {e.commune}
              </Text>
              {judges && e.attemptId && (
                <Anchor component={Link} to={`/contest/appeal/${e.attemptId}`} size="xs" data-testid="appeal-link">
                  {t('contest.appeal.open')}
                </Anchor>
              )}
            </td>
            {judges && <td>{f(e.test)}</td>}
            {judges && (
              <td>
                <JudgeTotals totals={e.judgeTotals ?? []} dropped={e.dropped ?? []} />
              </td>
            )}
            {judges && <td data-testid="panel-score">{f(e.presentation)}</td>}
            <td style={judges ? { fontWeight: 600 } : undefined}>{f(e.total)}</td>
            <td>
              {e.award ? (
                <Stack gap={2}>
                  <Badge variant="light" color="yellow" c="yellow.9">
                    {t(`contest.award.${e.award}`)}
                  </Badge>
                  {judges && published && e.id && (
                    <DownloadButton href={`/api/contest-candidates/${e.id}/certificate.pdf`} size="compact-xs" variant="subtle">
                      {t('contest.certificate')}
                    </DownloadButton>
                  )}
                </Stack>
              ) : judges && e.advances ? (
                <Badge variant="light" color="green" c="green.9">
                  {t('contest.rank.advances')}
                </Badge>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </LightTable>
  );
}
