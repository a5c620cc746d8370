// The contest of a year: its rounds with their rules and what the reader does there (take the test, score, follow
// the ranking), the commune's registration of its secretaries, and for the organizers the bank, the export and
// publishing.
import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, apiUrl, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { useSession } from '../../lib/session';
import { AddRoundButton, JudgesButton, NewContestButton } from './Organize';
import { QuestionBank } from './QuestionBank';
import { Registration } from './Registration';
import { formatDateTime, useIssueText, type ContestDetail, type ContestRound } from './shared';
import { DownloadButton } from '../../components/DownloadButton';

const stateColor = { upcoming: 'gray', open: 'green', closed: 'blue' } as const;

function RoundCard({ round }: { round: ContestRound }) {
  const { t } = useTranslation();
  const r = round.rules;
  const questions = r.quotas.reduce((s, q) => s + q.count, 0);
  return (
    <Card withBorder padding="sm" data-testid="contest-round">
      <Group gap="xs" wrap="wrap">
        <Badge variant="light">{t(`contest.level.${round.level}`)}</Badge>
        <Badge variant="light" color={stateColor[round.state]} c={`${stateColor[round.state]}.9`} data-testid="round-state">
          {t(`contest.state.${round.state}`)}
        </Badge>
      </Group>
      <Text fw={600} mt={4}>
        {round.title}
      </Text>
      <Text size="sm" c="dimmed">
        {t('contest.period', { from: formatDateTime(round.opensAt), to: formatDateTime(round.closesAt) })}
      </Text>
      <Text size="sm" mt={4}>
        {t('contest.rulesSummary', { questions, minutes: r.testMinutes, criteria: r.criteria.map((c) => `${c.label} (${c.max})`).join(', ') || '–', drop: r.dropHighLowFrom || '–' })}
      </Text>
      <Group gap="xs" mt="xs" wrap="wrap">
        {round.myCandidateId && r.quotas.length > 0 && round.state !== 'upcoming' && (
          <Button component={Link} to={`/contest/test/${round.myCandidateId}`} size="xs" data-testid="take-test">
            {t('contest.takeTest')}
          </Button>
        )}
        {round.myCandidateId && round.myAward && (
          <DownloadButton href={`/api/contest-candidates/${round.myCandidateId}/certificate.pdf`} size="xs" variant="light" color="yellow" data-testid="my-certificate">
            {t(`contest.award.${round.myAward}`)} · {t('contest.certificate')}
          </DownloadButton>
        )}
        {round.judging && (
          <Button component={Link} to={`/contest/rounds/${round.id}/judge`} size="xs" variant="light" data-testid="judge-round">
            {t('contest.judge')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

function Contest({ contest }: { contest: ContestDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [confirming, setConfirming] = useState(false);
  const organize = contest.actions.includes('contest.organize');
  const follow = contest.actions.includes('contest.followResults');
  const publish = useMutation({
    mutationFn: () => call(api.POST('/api/contests/{id}/publish', { params: { path: { id: contest.id } }, body: {} })),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: ['contest'] });
    },
  });
  return (
    <Stack>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('contest.organizer', { name: contest.organizer })}
        </Text>
        <Badge variant="light" color={contest.published ? 'green' : 'gray'} c={contest.published ? 'green.9' : 'gray.9'}>
          {contest.published ? t('contest.published') : t('contest.notPublished')}
        </Badge>
        {contest.published && (
          <Anchor component={Link} to={`/results/contest/${contest.year}`} size="sm" data-testid="public-results-link">
            {t('contest.publicResults')}
          </Anchor>
        )}
      </Group>
      {(organize || follow) && (
        <Group gap="xs" wrap="wrap">
          {follow && (
            <Button component="a" href={apiUrl(`/api/contests/${contest.id}/export.xlsx` as never)} size="xs" variant="default">
              {t('contest.export')}
            </Button>
          )}
          {organize && <AddRoundButton contest={contest} />}
          {organize && !contest.published && (
            <Button size="xs" onClick={() => setConfirming(true)} data-testid="publish">
              {t('contest.publish')}
            </Button>
          )}
        </Group>
      )}
      <Title order={3}>{t('contest.rounds')}</Title>
      {contest.rounds.map((r) => (
        <Stack key={r.id} gap={4}>
          <RoundCard round={r} />
          <Group gap="xs">
            {follow && (
              <Anchor component={Link} to={`/contest/rounds/${r.id}/ranking`} size="sm" data-testid="round-ranking">
                {t('contest.ranking')}
              </Anchor>
            )}
            {organize && <JudgesButton round={r} />}
          </Group>
        </Stack>
      ))}
      {contest.registerUnits.length > 0 && <Registration contest={contest} />}
      {organize && <QuestionBank />}
      <FormModal title={t('contest.publish')} opened={confirming} onClose={() => setConfirming(false)} onSubmit={() => publish.mutate()} loading={publish.isPending} formError={publish.error} issueText={issueText} submitLabel={t('contest.publish')}>
        <Text size="sm">{t('contest.publishConfirm')}</Text>
      </FormModal>
    </Stack>
  );
}

export function ContestPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const list = useQuery({ queryKey: ['contest', 'list'], queryFn: ({ signal }) => call(api.GET('/api/contests', { signal })) });
  const chosen = params.get('id') ?? list.data?.items[0]?.id ?? null;
  const { me } = useSession();
  // Where a new contest would be organized: the reader's province (the server decides whether they may).
  const province = me.roles.find((r) => r.role === 'province_admin' && r.unitKind === 'province');
  const detail = useQuery({
    queryKey: ['contest', 'detail', chosen],
    enabled: chosen !== null,
    queryFn: ({ signal }) => call(api.GET('/api/contests/{id}', { params: { path: { id: chosen! } }, signal })),
  });
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('contest.title')}</Title>
        {province && <NewContestButton organizerUnitId={province.unitId} />}
      </Group>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('contest.none')}</Text>
          ) : (
            <Stack>
              <Select
                label={t('contest.year')}
                w={200}
                data={data.items.map((c) => ({ value: c.id, label: String(c.year) }))}
                value={chosen}
                onChange={(v) => v && setParams({ id: v })}
                allowDeselect={false}
                data-testid="contest-year"
              />
              {detail.error ? <ErrorAlert error={detail.error} /> : null}
              {detail.data && <Contest contest={detail.data} />}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
