// One table for a round's ranking: rank, name with the cell and commune, total and award — the public results; with
// `judges`, also the test, each judge's total (the dropped struck through), the panel's score, who goes on, the
// certificate and the appeal's replay — the organizers' ranking.
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatScore } from './shared';
import { DownloadButton } from '../../components/DownloadButton';

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
    <Table.ScrollContainer minWidth={judges ? 640 : 320}>
      <Table striped withTableBorder fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contest.rank.rank')}</Table.Th>
            <Table.Th>{t('contest.rank.name')}</Table.Th>
            {judges && <Table.Th>{t('contest.rank.test')}</Table.Th>}
            {judges && <Table.Th>{t('contest.rank.judgeScores')}</Table.Th>}
            {judges && <Table.Th>{t('contest.rank.presentation')}</Table.Th>}
            <Table.Th>{t('contest.rank.total')}</Table.Th>
            <Table.Th>{t('contest.rank.award')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e, i) => (
            <Table.Tr key={e.id ?? i} data-testid={judges ? 'ranking-row' : undefined} data-name={e.name}>
              <Table.Td>{e.rank}</Table.Td>
              <Table.Td>
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
              </Table.Td>
              {judges && <Table.Td>{f(e.test)}</Table.Td>}
              {judges && (
                <Table.Td>
                  <JudgeTotals totals={e.judgeTotals ?? []} dropped={e.dropped ?? []} />
                </Table.Td>
              )}
              {judges && <Table.Td data-testid="panel-score">{f(e.presentation)}</Table.Td>}
              <Table.Td fw={judges ? 600 : undefined}>{f(e.total)}</Table.Td>
              <Table.Td>
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
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
