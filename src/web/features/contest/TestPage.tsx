// The candidate's knowledge test, made for a phone on a village connection: every answer is put in an outbox kept in
// local storage the moment it is chosen and sent on its own (PUT per question, idempotent on the server); what could
// not be sent waits and is sent again when the connection is back (the `online` event, and a retry every few
// seconds), so a reload or a lost connection loses nothing. The time left is the server's deadline.
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, call, send, type Answer } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { formatScore, useIssueText } from './shared';

type Attempt = Answer<'/api/contest-candidates/{id}/attempt', 'get'>;
type Outbox = Record<string, number[]>;

const outboxKey = (attemptId: string) => `chibo.contest.outbox.${attemptId}`;
const readOutbox = (attemptId: string): Outbox => {
  try {
    return JSON.parse(localStorage.getItem(outboxKey(attemptId)) ?? '{}') as Outbox;
  } catch {
    return {};
  }
};
const writeOutbox = (attemptId: string, box: Outbox) => {
  if (Object.keys(box).length === 0) localStorage.removeItem(outboxKey(attemptId));
  else localStorage.setItem(outboxKey(attemptId), JSON.stringify(box));
};

/** The answers given, sent through the outbox. */
function useAnswers(attempt: Attempt) {
  const [chosen, setChosen] = useState<Record<string, number[]>>(() => ({
    ...Object.fromEntries(attempt.answers.map((a) => [a.questionId, a.chosen])),
    ...readOutbox(attempt.id),
  }));
  const [pending, setPending] = useState<Outbox>(() => readOutbox(attempt.id));
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const flushing = useRef(false);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const [questionId, value] of Object.entries(readOutbox(attempt.id))) {
        try {
          await send('PUT', `/api/contest-attempts/${attempt.id}/answers/${questionId}`, { chosen: value });
          setOffline(false);
        } catch (e) {
          if (e instanceof ApiError && e.status === 0) {
            setOffline(true);
            return; // keep the rest for the next try
          }
          setError(e); // refused (time over, …): nothing to send again
        }
        const box = readOutbox(attempt.id);
        if (JSON.stringify(box[questionId]) === JSON.stringify(value)) delete box[questionId];
        writeOutbox(attempt.id, box);
        setPending(box);
      }
    } finally {
      flushing.current = false;
    }
  }, [attempt.id]);

  useEffect(() => {
    void flush();
    const again = () => void flush();
    window.addEventListener('online', again);
    const timer = window.setInterval(again, 4000);
    return () => {
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [flush]);

  const answer = (questionId: string, value: number[]) => {
    setChosen((c) => ({ ...c, [questionId]: value }));
    const box = { ...readOutbox(attempt.id), [questionId]: value };
    writeOutbox(attempt.id, box);
    setPending(box);
    void flush();
  };
  return { chosen, pending, offline, error, answer, flush };
}

function useTimeLeft(attempt: Attempt) {
  // The server's clock: the deadline less the server's now when the attempt was read, counted on this device.
  const [readAt] = useState(() => Date.now());
  const left = () => new Date(attempt.deadline).getTime() - new Date(attempt.serverNow).getTime() - (Date.now() - readAt);
  const [ms, setMs] = useState(left);
  useEffect(() => {
    const timer = window.setInterval(() => setMs(left()), 1000);
    return () => window.clearInterval(timer);
  });
  return Math.max(0, ms);
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

function Questions({ attempt, candidateId }: { attempt: Attempt; candidateId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const { chosen, pending, offline, error, answer, flush } = useAnswers(attempt);
  const left = useTimeLeft(attempt);
  const [confirming, setConfirming] = useState(false);
  const over = attempt.finished || left === 0;
  const finish = useMutation({
    mutationFn: async () => {
      await flush();
      return call(api.POST('/api/contest-attempts/{id}/finish', { params: { path: { id: attempt.id } }, body: {} }));
    },
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: ['contest', 'attempt', candidateId] });
    },
  });
  const unsent = Object.keys(pending).length;
  const answered = attempt.questions.filter((q) => (chosen[q.id] ?? []).length > 0).length;
  return (
    <Stack>
      <Card withBorder padding="xs" pos="sticky" top={56} style={{ zIndex: 2 }}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Badge size="lg" variant="light" color={over ? 'gray' : left < 5 * 60_000 ? 'red' : 'blue'} data-testid="time-left">
            {over ? t('contest.test.timeOver') : t('contest.test.timeLeft', { time: clock(left) })}
          </Badge>
          <Text size="sm" data-testid="answered-count">
            {t('contest.test.answered', { count: answered, total: attempt.questions.length })}
          </Text>
          <Text size="sm" c={unsent ? 'orange.9' : 'green.9'} data-testid="outbox-state">
            {unsent ? t('contest.test.unsent', { count: unsent }) : t('contest.test.allSaved')}
          </Text>
        </Group>
      </Card>
      {offline && (
        <Alert color="orange" data-testid="offline-note">
          {t('contest.test.offline')}
        </Alert>
      )}
      {error ? <ErrorAlert error={error} issueText={issueText} /> : null}
      {attempt.score !== null && (
        <Text fw={600} data-testid="test-score">
          {t('contest.test.score', { score: formatScore(attempt.score) })}
        </Text>
      )}
      {attempt.questions.map((q) => {
        const value = chosen[q.id] ?? [];
        return (
          <Card key={q.id} withBorder padding="sm" data-testid="test-question">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{t('contest.test.question', { no: q.no })}</Text>
              <Group gap={4}>
                <Badge variant="light" size="sm">
                  {t(`contest.category.${q.category}`)}
                </Badge>
                {value.length > 0 && (
                  <Badge variant="light" size="sm" color={pending[q.id] ? 'orange' : 'green'} c={pending[q.id] ? 'orange.9' : 'green.9'} data-testid="answer-state">
                    {pending[q.id] ? t('contest.test.pending') : t('contest.test.saved')}
                  </Badge>
                )}
              </Group>
            </Group>
            <Text mt={4} mb="xs">
              {q.text}
            </Text>
            {q.multiple ? (
              <Checkbox.Group value={value.map(String)} onChange={(v) => answer(q.id, v.map(Number).sort())} description={t('contest.test.multiple')}>
                <Stack gap={6} mt={4}>
                  {q.options.map((o, i) => (
                    <Checkbox key={i} value={String(i)} label={o} disabled={over} />
                  ))}
                </Stack>
              </Checkbox.Group>
            ) : (
              <Radio.Group value={value.length ? String(value[0]) : null} onChange={(v) => answer(q.id, [Number(v)])}>
                <Stack gap={6}>
                  {q.options.map((o, i) => (
                    <Radio key={i} value={String(i)} label={o} disabled={over} data-testid={`option-${q.no}-${i}`} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
          </Card>
        );
      })}
      {!over ? (
        <Button onClick={() => setConfirming(true)} data-testid="finish-test">
          {t('contest.test.finish')}
        </Button>
      ) : (
        <Stack gap={4}>
          <Text c="dimmed">{t('contest.test.reviewAfterClose')}</Text>
          <Anchor component={Link} to={`/contest/review/${attempt.id}`}>
            {t('contest.test.review')}
          </Anchor>
        </Stack>
      )}
      <FormModal title={t('contest.test.finish')} opened={confirming} onClose={() => setConfirming(false)} onSubmit={() => finish.mutate()} loading={finish.isPending} formError={finish.error} issueText={issueText} submitLabel={t('contest.test.finish')}>
        <Text size="sm">{t('contest.test.finishConfirm')}</Text>
      </FormModal>
    </Stack>
  );
}

export function TestPage() {
  const { t } = useTranslation();
  const { candidateId = '' } = useParams();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [confirming, setConfirming] = useState(false);
  const attempt = useQuery({
    queryKey: ['contest', 'attempt', candidateId],
    queryFn: ({ signal }) => call(api.GET('/api/contest-candidates/{id}/attempt', { params: { path: { id: candidateId } }, signal })),
    retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 2,
  });
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/contest-candidates/{id}/attempt', { params: { path: { id: candidateId } }, body: {} })),
    onSuccess: (data) => {
      setConfirming(false);
      qc.setQueryData(['contest', 'attempt', candidateId], data);
    },
  });
  const notStarted = attempt.error instanceof ApiError && attempt.error.status === 404;
  return (
    <Stack maw={720}>
      <Title order={2}>{t('contest.test.title')}</Title>
      {notStarted ? (
        <Button onClick={() => setConfirming(true)} data-testid="start-test">
          {t('contest.test.start')}
        </Button>
      ) : attempt.error ? (
        <ErrorAlert error={attempt.error} />
      ) : attempt.data ? (
        <Questions attempt={attempt.data} candidateId={candidateId} />
      ) : null}
      <FormModal title={t('contest.test.start')} opened={confirming} onClose={() => setConfirming(false)} onSubmit={() => start.mutate()} loading={start.isPending} formError={start.error} issueText={issueText} submitLabel={t('contest.test.start')} submitTestId="confirm-start">
        <Text size="sm">{t('contest.test.startConfirm')}</Text>
      </FormModal>
    </Stack>
  );
}
