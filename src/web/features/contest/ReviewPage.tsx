// The candidate's review of their test once the round is closed: each question, the options, the right ones and
// their own, as saved (the organizers see it at any time, for an appeal).
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatScore, useIssueText } from './shared';

export function ReviewPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const issueText = useIssueText();
  const review = useQuery({ queryKey: ['contest', 'review', id], queryFn: ({ signal }) => call(api.GET('/api/contest-attempts/{id}/review', { params: { path: { id } }, signal })), retry: false });
  const letter = (i: number) => String.fromCharCode(65 + i);
  return (
    <Stack maw={720}>
      <Title order={2}>{t('contest.test.review')}</Title>
      {review.error ? <ErrorAlert error={review.error} issueText={issueText} /> : null}
      {review.data && (
        <>
          <Text fw={600}>{t('contest.test.score', { score: formatScore(review.data.score) })}</Text>
          {review.data.questions.map((q) => (
            <Card key={q.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{t('contest.test.question', { no: q.no })}</Text>
                <Badge color={q.right ? 'green' : 'red'} variant="light" c={q.right ? 'green.9' : 'red.9'}>
                  {q.right ? t('contest.test.right') : t('contest.test.wrong')}
                </Badge>
              </Group>
              <Text my={4}>{q.text}</Text>
              {q.options.map((o, i) => (
                <Text key={i} size="sm" fw={q.correct.includes(i) ? 600 : 400}>
                  {letter(i)}. {o}
                </Text>
              ))}
              <Text size="sm" mt={4}>
                {t('contest.test.yourAnswer')}: {q.chosen.map(letter).join(', ') || '–'} · {t('contest.test.correctAnswer')}: {q.correct.map(letter).join(', ')}
              </Text>
            </Card>
          ))}
        </>
      )}
    </Stack>
  );
}
