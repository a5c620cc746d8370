// For a judge or organizer handling an appeal: the test as the candidate saw it — the questions in the order drawn,
// the options, the candidate's answers and when each was saved (minutes after the start), the right ones — and the
// draw replayed from its stored seed over the bank as it stood at the start, saying whether it gives the same questions.
import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useNumberFormat } from '../../lib/format';
import { formatDateTime, formatScore, useIssueText } from './shared';

const letter = (i: number) => String.fromCharCode(65 + i);

export function AppealPage() {
  const { t, i18n } = useTranslation();
  const n = useNumberFormat();
  const { id = '' } = useParams();
  const issueText = useIssueText();
  const review = useQuery({ queryKey: ['contest', 'review', id], queryFn: ({ signal }) => call(api.GET('/api/contest-attempts/{id}/review', { params: { path: { id } }, signal })), retry: false });
  const draw = useQuery({ queryKey: ['contest', 'draw', id], queryFn: ({ signal }) => call(api.GET('/api/contest-attempts/{id}/draw', { params: { path: { id } }, signal })), retry: false });
  const minutesAfter = (from: string, at: string) => (new Date(at).getTime() - new Date(from).getTime()) / 60_000;
  return (
    <Stack maw={760} gap="sm">
      <Title order={2}>{t('contest.appeal.title')}</Title>
      {draw.error ? <ErrorAlert error={draw.error} issueText={issueText} /> : null}
      {draw.data && (
        <Alert color={draw.data.same ? 'green' : 'red'} variant="light" title={draw.data.same ? t('contest.appeal.same') : t('contest.appeal.differs')} data-testid="appeal-draw">
          <Text size="sm">{t('contest.appeal.seed', { seed: draw.data.seed })}</Text>
          <Text size="sm">
            {t('contest.appeal.quotas')}:{' '}
            {draw.data.quotas.map((q) => `${t(`contest.category.${q.category}`)} · ${t(`contest.difficulty.${q.difficulty}`)} × ${q.count}`).join('; ')}
          </Text>
        </Alert>
      )}
      <QueryState query={review}>
        {(r) => (
          <Stack gap="sm" data-testid="appeal-attempt">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
              <Text size="sm">{t('contest.appeal.started', { at: formatDateTime(r.startedAt) })}</Text>
              <Text size="sm">{t('contest.appeal.deadline', { at: formatDateTime(r.deadline) })}</Text>
              <Text size="sm">{r.finishedAt ? t('contest.appeal.finished', { at: formatDateTime(r.finishedAt), minutes: n.decimal(minutesAfter(r.startedAt, r.finishedAt)) }) : t('contest.appeal.notFinished')}</Text>
              <Text size="sm" fw={600}>
                {t('contest.test.score', { score: formatScore(r.score, i18n.language) })}
              </Text>
            </SimpleGrid>
            {r.questions.map((q) => (
              <Card key={q.id} withBorder padding="sm" data-testid="appeal-question">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Text fw={600}>{t('contest.test.question', { no: q.no })}</Text>
                  <Group gap={6}>
                    <Badge variant="light" color="gray" c="gray.9">
                      {t(`contest.category.${q.category}`)} · {t(`contest.difficulty.${q.difficulty}`)}
                    </Badge>
                    <Badge color={q.right ? 'green' : 'red'} variant="light" c={q.right ? 'green.9' : 'red.9'}>
                      {q.right ? t('contest.test.right') : t('contest.test.wrong')}
                    </Badge>
                  </Group>
                </Group>
                <Text my={4} style={{ overflowWrap: 'anywhere' }}>
                  {q.text}
                </Text>
                {q.options.map((o, i) => (
                  <Text key={i} size="sm" fw={q.chosen.includes(i) ? 600 : 400} c={q.correct.includes(i) ? 'green.9' : undefined} style={{ overflowWrap: 'anywhere' }}>
                    {q.chosen.includes(i) ? '● ' : '○ '}
                    {letter(i)}. {o}
                  </Text>
                ))}
                <Text size="sm" mt={4}>
                  {t('contest.appeal.answer')}: {q.chosen.map(letter).join(', ') || '–'} · {t('contest.test.correctAnswer')}: {q.correct.map(letter).join(', ')}
                </Text>
                <Text size="xs" c="dimmed" data-testid="appeal-answered">
                  {q.answeredAt ? t('contest.appeal.answeredAt', { at: formatDateTime(q.answeredAt), minutes: n.decimal(minutesAfter(r.startedAt, q.answeredAt)) }) : t('contest.appeal.unanswered')}
                </Text>
              </Card>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
