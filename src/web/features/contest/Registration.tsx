// A commune registers its cell secretaries in a round that is not closed: in a commune round the secretaries under its
// unit, each with a button; in the province round those its commune round sends on (once that round is closed).
import { Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useNumberFormat } from '../../lib/format';
import { useIssueText, type ContestDetail } from './shared';

export function Registration({ contest }: { contest: ContestDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const rounds = contest.rounds.filter((r) => r.state !== 'closed');
  const [roundId, setRoundId] = useState<string | null>(rounds[0]?.id ?? null);
  const [unitId, setUnitId] = useState<string | null>(contest.registerUnits[0]?.id ?? null);
  const round = rounds.find((r) => r.id === roundId);
  const eligible = useQuery({
    queryKey: ['contest', 'eligible', unitId],
    enabled: unitId !== null && round?.level === 'commune',
    queryFn: ({ signal }) => call(api.GET('/api/contest-units/{id}/secretaries', { params: { path: { id: unitId! } }, signal })),
  });
  const registered = useQuery({
    queryKey: ['contest', 'candidates', roundId],
    enabled: roundId !== null,
    queryFn: ({ signal }) => call(api.GET('/api/contest-rounds/{id}/candidates', { params: { path: { id: roundId! } }, signal })),
  });
  const register = useMutation({
    mutationFn: (personId: string) => call(api.POST('/api/contest-rounds/{id}/candidates', { params: { path: { id: roundId! } }, body: { personId } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['contest', 'candidates', roundId] });
      void qc.invalidateQueries({ queryKey: ['contest', 'advancing', roundId] });
    },
  });
  if (rounds.length === 0) return null;
  const taken = new Set(registered.data?.candidates.map((c) => c.personId) ?? []);
  return (
    <Stack gap="xs">
      <Title order={3}>{t('contest.register')}</Title>
      <Group wrap="wrap" align="flex-end">
        <Select label={t('contest.rounds')} data={rounds.map((r) => ({ value: r.id, label: r.title }))} value={roundId} onChange={setRoundId} allowDeselect={false} maw={320} data-testid="register-round" />
        {contest.registerUnits.length > 1 && (
          <Select label={t('contest.unit')} data={contest.registerUnits.map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={setUnitId} allowDeselect={false} maw={320} />
        )}
      </Group>
      {register.error ? <ErrorAlert error={register.error} issueText={issueText} /> : null}
      {round?.level === 'province' ? (
        <Advancing roundId={round.id} onRegister={(personId) => register.mutate(personId)} pending={register.isPending ? register.variables : undefined} />
      ) : (
      <QueryState query={eligible}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('contest.noSecretaries')}</Text>
          ) : (
            <Stack gap={6}>
              {data.items.map((s) => (
                <SecretaryCard key={s.personId} name={s.name} place={s.cell} registered={taken.has(s.personId)} loading={register.isPending && register.variables === s.personId} onRegister={() => register.mutate(s.personId)} testId="eligible-secretary" />
              ))}
            </Stack>
          )
        }
      </QueryState>
      )}
    </Stack>
  );
}

/** The province round: the commune round's winners of the reader's branch, registered or with a button. */
function Advancing({ roundId, onRegister, pending }: { roundId: string; onRegister: (personId: string) => void; pending?: string }) {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const list = useQuery({
    queryKey: ['contest', 'advancing', roundId],
    queryFn: ({ signal }) => call(api.GET('/api/contest-rounds/{id}/advancing', { params: { path: { id: roundId } }, signal })),
  });
  return (
    <QueryState query={list}>
      {(data) =>
        data.from === null ? (
          <Text c="dimmed">{t('contest.advancing.noCommuneRound')}</Text>
        ) : data.from.state !== 'closed' ? (
          <Text c="dimmed" data-testid="advancing-wait">
            {t('contest.advancing.wait', { round: data.from.title })}
          </Text>
        ) : data.items.length === 0 ? (
          <Text c="dimmed">{t('contest.advancing.none', { round: data.from.title })}</Text>
        ) : (
          <Stack gap={6}>
            <Text size="sm" c="dimmed">
              {t('contest.advancing.hint', { round: data.from.title })}
            </Text>
            {data.items.map((s) => (
              <SecretaryCard
                key={s.personId}
                name={s.name}
                place={t('contest.advancing.place', { cell: s.cell, commune: s.commune, rank: s.rank, total: n.decimal(s.total) })}
                registered={s.registered}
                loading={pending === s.personId}
                onRegister={() => onRegister(s.personId)}
                testId="advancing-candidate"
              />
            ))}
          </Stack>
        )
      }
    </QueryState>
  );
}

/** A secretary who may be registered: name, where from, and either "registered" or the button. */
function SecretaryCard({ name, place, registered, loading, onRegister, testId }: { name: string; place: string; registered: boolean; loading: boolean; onRegister: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="xs" data-testid={testId}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Text>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {place}
          </Text>
        </div>
        {registered ? (
          <Badge variant="light" color="green" c="green.9">
            {t('contest.registered')}
          </Badge>
        ) : (
          <Button size="xs" variant="light" loading={loading} onClick={onRegister} data-testid={`${testId}-register`}>
            {t('contest.register')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
