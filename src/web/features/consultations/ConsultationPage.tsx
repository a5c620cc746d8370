// One consultation: the question, the result, and what the reader may do — answer with their account, print ballot
// codes, enter the meeting's tally (also without signal: kept on the phone and sent when the connection returns),
// record the decision, attach documents.
import { Anchor, Badge, Button, Card, FileButton, Group, NumberInput, Radio, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, apiUrl, ApiError, call, postForm, send } from '../../api/client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, todayIso, useNumberFormat } from '../../lib/format';
import { issueWith, stateColor, type Consultation } from './api';
import { ResultView } from './ResultView';

const key = (id: string) => ['consultation', id];

function AnswerCard({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [choice, setChoice] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: () => call(api.POST('/api/consultations/{id}/answer', { params: { path: { id: c.id } }, body: { optionId: choice ?? '' } })),
    onSuccess: () => client.invalidateQueries({ queryKey: key(c.id) }),
  });
  if (!c.me.eligible || !c.actions.includes('consultation.answer')) return null;
  return (
    <Card withBorder padding="sm">
      <Title order={4} mb="xs">
        {t('consultations.answer')}
      </Title>
      {c.me.answered ? (
        <Text size="sm" data-testid="answered">
          {t('consultations.answered')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Radio.Group value={choice} onChange={setChoice}>
            <Stack gap={6}>
              {c.options.map((o) => (
                <Radio key={o.id} value={o.id} label={o.label} />
              ))}
            </Stack>
          </Radio.Group>
          {answer.error && <ErrorAlert error={answer.error} issueText={issueWith(t)} />}
          <Button onClick={() => answer.mutate()} disabled={!choice || c.state !== 'open'} loading={answer.isPending} data-testid="answer-send">
            {t('consultations.send')}
          </Button>
        </Stack>
      )}
    </Card>
  );
}

function CodesCard({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const client = useQueryClient();
  const [count, setCount] = useState<number | string>(Math.min(20, c.households - c.codesIssued));
  const [confirming, setConfirming] = useState(false);
  const print = useMutation({
    mutationFn: () => call(api.POST('/api/consultations/{id}/codes', { params: { path: { id: c.id } }, body: { count: Number(count) }, parseAs: 'blob' })) as Promise<unknown> as Promise<Blob>,
    onSuccess: async (blob) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `ma-phieu-${c.codesIssued + 1}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setConfirming(false);
      await client.invalidateQueries({ queryKey: key(c.id) });
    },
  });
  if (!c.actions.includes('consultation.manage') || c.households === 0) return null;
  return (
    <Card withBorder padding="sm">
      <Title order={4} mb="xs">
        {t('consultations.codes')}
      </Title>
      <Text size="sm" mb="xs" data-testid="codes-issued">
        {t('consultations.codesIssued', { n: n.int(c.codesIssued), households: n.int(c.households) })}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <NumberInput label={t('consultations.codesCount')} min={1} max={500} value={count} onChange={setCount} w={160} data-testid="codes-count" />
        <Button variant="light" onClick={() => setConfirming(true)} disabled={c.state === 'closed'} data-testid="codes-print">
          {t('consultations.printCodes')}
        </Button>
      </Group>
      <FormModal
        title={t('consultations.printCodes')}
        opened={confirming}
        onClose={() => setConfirming(false)}
        onSubmit={() => print.mutate()}
        loading={print.isPending}
        formError={print.error}
        issueText={issueWith(t)}
        submitLabel={t('consultations.printCodes')}
        submitTestId="codes-confirm"
      >
        <Text size="sm">{t('consultations.codesConfirm', { n: n.int(Number(count) || 0) })}</Text>
      </FormModal>
    </Card>
  );
}

// The meeting's tally, kept on the phone until the server has it (decision 0010): a failed send for want of signal
// stays queued in localStorage and is sent again when the connection returns; the server applies an entry once.
type TallyEntry = { commandId: string; baseVersion: number; method: 'hands' | 'paper'; heldOn: string; present: number; counts: { optionId: string; count: number }[]; reason: string };
const queueKey = (id: string) => `chibo-consultation-tally:${id}`;
const queued = (id: string): TallyEntry | null => {
  try {
    return JSON.parse(localStorage.getItem(queueKey(id)) ?? 'null') as TallyEntry | null;
  } catch {
    return null;
  }
};

function TallyCard({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const client = useQueryClient();
  const [method, setMethod] = useState<'hands' | 'paper'>(c.tally?.method ?? 'hands');
  const [heldOn, setHeldOn] = useState<string | null>(c.tally?.heldOn ?? todayIso());
  const [present, setPresent] = useState<number | string>(c.tally?.present ?? 0);
  const [counts, setCounts] = useState<Record<string, number | string>>(Object.fromEntries(c.options.map((o) => [o.id, c.tally?.counts.find((x) => x.optionId === o.id)?.count ?? 0])));
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<TallyEntry | null>(() => queued(c.id));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const deliver = async (entry: TallyEntry) => {
    try {
      await send('PUT', `/api/consultations/${c.id}/tally`, entry);
      localStorage.removeItem(queueKey(c.id));
      setPending(null);
      setSaved(true);
      setReason('');
      await client.invalidateQueries({ queryKey: key(c.id) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) return; // no signal: stays queued
      localStorage.removeItem(queueKey(c.id));
      setPending(null);
      setError(e);
    }
  };
  useEffect(() => {
    const retry = () => {
      const entry = queued(c.id);
      if (entry) void deliver(entry);
    };
    window.addEventListener('online', retry);
    retry();
    return () => window.removeEventListener('online', retry);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c.id]);

  if (!c.actions.includes('consultation.tally')) return null;
  const submit = () => {
    setError(null);
    setSaved(false);
    const entry: TallyEntry = {
      commandId: crypto.randomUUID(),
      baseVersion: c.tally?.version ?? 0,
      method,
      heldOn: heldOn ?? '',
      present: Number(present) || 0,
      counts: c.options.map((o) => ({ optionId: o.id, count: Number(counts[o.id]) || 0 })),
      reason,
    };
    localStorage.setItem(queueKey(c.id), JSON.stringify(entry));
    setPending(entry);
    void deliver(entry);
  };
  return (
    <Card withBorder padding="sm" data-testid="tally-card">
      <Title order={4} mb="xs">
        {t('consultations.tally')}
      </Title>
      <Stack gap="xs">
        <Text size="sm" c="dimmed" data-testid="tally-hint">
          {t('consultations.tallyHint', { n: n.int(c.answeredBeforeRoom) })}
        </Text>
        <SegmentedControl value={method} onChange={(v) => setMethod(v as 'hands' | 'paper')} data={[{ value: 'hands', label: t('consultations.method.hands') }, { value: 'paper', label: t('consultations.method.paper') }]} aria-label={t('consultations.methodLabel')} />
        <DateField label={t('consultations.heldOn')} value={heldOn} onChange={setHeldOn} />
        <NumberInput label={t('consultations.present')} min={0} value={present} onChange={setPresent} inputMode="numeric" data-testid="tally-present" />
        {c.options.map((o, i) => (
          <NumberInput key={o.id} label={t('consultations.count', { label: o.label })} min={0} value={counts[o.id]} onChange={(v) => setCounts((x) => ({ ...x, [o.id]: v }))} inputMode="numeric" data-testid={`tally-count-${i}`} />
        ))}
        <TextInput label={t('consultations.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="tally-reason" />
        {error ? <ErrorAlert error={error} issueText={issueWith(t)} /> : null}
        {pending && (
          <Badge color="orange" variant="light" c="orange.9" tt="none" data-testid="tally-queued">
            {t('consultations.tallyQueued')}
          </Badge>
        )}
        {saved && !pending && (
          <Text size="sm" c="green.9" data-testid="tally-saved">
            {t('consultations.tallySaved')}
          </Text>
        )}
        <Button onClick={submit} data-testid="tally-save">
          {t('consultations.saveTally')}
        </Button>
        {c.tallyLog.length > 0 && (
          <Stack gap={4} data-testid="tally-log">
            <Text size="sm" fw={600}>
              {t('consultations.tallyLog')}
            </Text>
            {c.tallyLog.map((l) => (
              <Text key={l.version} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('consultations.tallyLogLine', { version: l.version, who: l.changedBy, when: formatDateTime(l.changedAt), reason: l.reason })}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function DecisionCard({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [decision, setDecision] = useState(c.decision ?? '');
  const [followUp, setFollowUp] = useState(c.followUp ?? '');
  const [decidedOn, setDecidedOn] = useState<string | null>(c.decidedOn ?? todayIso());
  const save = useMutation({
    mutationFn: () => call(api.POST('/api/consultations/{id}/decision', { params: { path: { id: c.id } }, body: { decision, followUp, decidedOn: decidedOn ?? '' } })),
    onSuccess: () => client.invalidateQueries({ queryKey: key(c.id) }),
  });
  const canDecide = c.actions.includes('consultation.manage') && c.state === 'closed';
  if (!canDecide && !c.decision) return null;
  return (
    <Card withBorder padding="sm">
      <Title order={4} mb="xs">
        {t('consultations.decision')}
      </Title>
      {canDecide ? (
        <Stack gap="xs">
          <Textarea label={t('consultations.decisionText')} value={decision} onChange={(e) => setDecision(e.currentTarget.value)} autosize minRows={2} />
          <Textarea label={t('consultations.followUp')} value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value)} autosize minRows={2} />
          <DateField label={t('consultations.decidedOn')} value={decidedOn} onChange={setDecidedOn} />
          {save.error && <ErrorAlert error={save.error} issueText={issueWith(t)} />}
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('consultations.saveDecision')}
          </Button>
        </Stack>
      ) : (
        <Stack gap={4}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.decision}
          </Text>
          {c.followUp && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {c.followUp}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

function DocumentsCard({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return postForm(`/api/consultations/${c.id}/documents` as '/api/consultations/{id}/documents', form);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: key(c.id) }),
  });
  if (c.documents.length === 0 && !c.actions.includes('consultation.manage')) return null;
  return (
    <Card withBorder padding="sm">
      <Title order={4} mb="xs">
        {t('consultations.documents')}
      </Title>
      <Stack gap={4}>
        {c.documents.map((d) => (
          <Anchor key={d.id} href={apiUrl(`/api/consultations/${c.id}/documents/${d.id}` as '/api/consultations/{id}/documents/{documentId}')} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {d.fileName}
          </Anchor>
        ))}
        {c.actions.includes('consultation.manage') && (
          <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx">
            {(props) => (
              <Button variant="default" size="xs" loading={upload.isPending} {...props}>
                {t('consultations.addDocument')}
              </Button>
            )}
          </FileButton>
        )}
        {upload.error && <ErrorAlert error={upload.error} issueText={issueWith(t)} />}
      </Stack>
    </Card>
  );
}

export function ConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const n = useNumberFormat();
  const query = useQuery({ queryKey: key(id), queryFn: ({ signal }) => call(api.GET('/api/consultations/{id}', { params: { path: { id } }, signal })) });
  return (
    <QueryState query={query}>
      {(c) => (
        <Stack>
          <Group gap="xs" wrap="wrap">
            <Badge color={stateColor[c.state]} variant="light" c={`${stateColor[c.state]}.9`} tt="none" data-testid="consultation-state">
              {t(`consultations.state.${c.state}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {c.unitName}
              {c.unitKind === 'cell' ? ` (${c.communeName})` : ''} · {t('consultations.window', { from: formatDateVi(c.opensOn), to: formatDateVi(c.closesOn) })}
            </Text>
          </Group>
          <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="consultation-heading">
            {c.title}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.question}</Text>
          <Text size="sm" c="dimmed">
            {t('consultations.eligible', { n: n.int(c.result.eligible), members: n.int(c.eligibleMembers), households: n.int(c.households) })} ·{' '}
            <Anchor href={`/tham-van/${c.id}`} size="sm" data-testid="public-link">
              {t('consultations.publicLink')}
            </Anchor>
          </Text>
          <Card withBorder padding="sm">
            <Title order={4} mb="xs">
              {t('consultations.result')}
            </Title>
            <ResultView result={c.result} />
          </Card>
          <AnswerCard c={c} />
          <TallyCard key={`${c.id}:${c.tally?.version ?? 0}`} c={c} />
          <CodesCard c={c} />
          <DecisionCard c={c} />
          <DocumentsCard c={c} />
        </Stack>
      )}
    </QueryState>
  );
}
