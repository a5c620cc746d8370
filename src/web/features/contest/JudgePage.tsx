// A judge's own sheet for a round: each candidate with a form of the round's criteria; the judge sees only their own
// scores, never another judge's; a score is confirmed before it is sent, and cannot be changed after.
import { Anchor, Badge, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call, type Answer } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { formatScore, useIssueText } from './shared';

type Sheet = Answer<'/api/contest-rounds/{id}/sheet', 'get'>;
type SheetCandidate = Sheet['candidates'][number];

function ScoreForm({ sheet, candidate, roundId }: { sheet: Sheet; candidate: SheetCandidate; roundId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [points, setPoints] = useState<Record<string, number | string>>({});
  const [confirming, setConfirming] = useState(false);
  const criteria = sheet.round.rules.criteria;
  const total = criteria.reduce((s, c) => s + (Number(points[c.code]) || 0), 0);
  const submit = useMutation({
    mutationFn: () => call(api.POST('/api/contest-candidates/{id}/scores', { params: { path: { id: candidate.id } }, body: { points: Object.fromEntries(Object.entries(points).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])) } })),
    onSuccess: () => {
      setConfirming(false);
      void qc.invalidateQueries({ queryKey: ['contest', 'sheet', roundId] });
    },
  });
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap" align="flex-end">
        {criteria.map((c) => (
          <NumberInput key={c.code} label={`${c.label} (≤ ${c.max})`} min={0} max={c.max} w={150} value={points[c.code] ?? ''} onChange={(v) => setPoints((p) => ({ ...p, [c.code]: v }))} data-testid={`score-${c.code}`} />
        ))}
      </Group>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">{t('contest.judging.total', { total: formatScore(total) })}</Text>
        <Button size="xs" onClick={() => setConfirming(true)} data-testid="submit-score">
          {t('contest.judging.submit')}
        </Button>
      </Group>
      <FormModal title={t('contest.judging.submit')} opened={confirming} onClose={() => setConfirming(false)} onSubmit={() => submit.mutate()} loading={submit.isPending} formError={submit.error} issueText={issueText} submitLabel={t('contest.judging.submit')} submitTestId="confirm-score">
        <Text size="sm">{t('contest.judging.submitConfirm', { name: candidate.name })}</Text>
      </FormModal>
    </Stack>
  );
}

/** A score form opened on demand: a round can hold hundreds of candidates, and a phone should not draw every form. */
function Opened({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return open ? (
    <>{children}</>
  ) : (
    <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="open-score">
      {label}
    </Button>
  );
}

export function JudgePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const sheet = useQuery({ queryKey: ['contest', 'sheet', id], queryFn: ({ signal }) => call(api.GET('/api/contest-rounds/{id}/sheet', { params: { path: { id } }, signal })) });
  return (
    <Stack maw={820}>
      <Title order={2}>{t('contest.judging.title')}</Title>
      <QueryState query={sheet}>
        {(data) => (
          <Stack>
            <Text fw={500}>{data.round.title}</Text>
            <Text size="sm" c="dimmed">
              {t('contest.judging.alone')}
            </Text>
            {data.candidates.length === 0 && <Text c="dimmed">{t('contest.noCandidates')}</Text>}
            {data.candidates.map((c) => (
              <Card key={c.id} withBorder padding="sm" data-testid="judge-candidate" data-name={c.name}>
                <Text fw={600}>{c.name}</Text>
                <Text size="sm" c="dimmed" mb="xs">
                  {c.cell}, {c.commune}
                </Text>
                {c.myScore ? (
                  <Badge variant="light" color="green" c="green.9" data-testid="my-score">
                    {t('contest.judging.yourScore', { total: formatScore(c.myScore.total) })}
                  </Badge>
                ) : c.ownCommune ? (
                  <Text size="sm" c="dimmed">
                    {t('contest.judging.ownCommune')}
                  </Text>
                ) : c.canScore ? (
                  <Opened label={t('contest.judge')}>
                    <ScoreForm sheet={data} candidate={c} roundId={id} />
                  </Opened>
                ) : null}
                {c.appealAttemptId && (
                  <Anchor component={Link} to={`/contest/appeal/${c.appealAttemptId}`} size="sm" mt="xs" data-testid="judge-appeal-link">
                    {t('contest.appeal.open')}
                  </Anchor>
                )}
              </Card>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
