// The forms of the three steps and the re-check, each in a modal; every rule the server names is shown at once.
import { Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewLevels, type ReviewLevel, type Template } from '../../../domain/review';
import { DateField } from '../../components/DateField';
import { formatDate, todayIso } from '../../lib/format';
import { useWrite } from '../../lib/mutation';
import { reviewApi, type Participant } from './api';
import { FormModal } from '../../components/FormModal';
import { useIssueText } from './ReviewError';

export type Step = 'self' | 'appraise' | 'decide' | 'complain' | 'recheck';
const path = { self: 'self-assessment', appraise: 'appraisal', decide: 'decision', complain: 'complaint', recheck: 'recheck' } as const;
/** The steps this form knows, among the actions the server offers on a participant. */
export const isStep = (action: string): action is Step => action in path;

function StepModal({ title, participant, step, body, onClose, children }: { title: string; participant: Participant; step: Step; body: () => unknown; onClose: () => void; children: ReactNode }) {
  const [error, setError] = useState<unknown>(null);
  const write = useWrite((b: unknown) => reviewApi.step(participant.id, path[step], b), { onSuccess: onClose, onError: setError });
  const issueText = useIssueText();
  return (
    <FormModal
      opened
      size="lg"
      title={title}
      testId={`modal-${step}`}
      submitTestId="step-submit"
      formError={error}
      issueText={issueText}
      loading={write.isPending}
      onClose={onClose}
      onSubmit={() => {
        setError(null);
        write.mutate(body());
      }}
    >
      <Text size="sm" c="dimmed">
        {participant.kind === 'cell' ? participant.unitName : `${participant.fullName} · ${participant.unitName}`}
      </Text>
      {children}
    </FormModal>
  );
}

export function useLevelOptions() {
  const { t } = useTranslation();
  return reviewLevels.map((l) => ({ value: l, label: t(`review.levels.${l}`) }));
}

function SelfForm({ participant, template, onClose }: { participant: Participant; template: Template; onClose: () => void }) {
  const { t } = useTranslation();
  const [points, setPoints] = useState<Record<string, number | string>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [tasks, setTasks] = useState({ tasksTotal: 0 as number | string, tasksLate: 0 as number | string, tasksExceeding: 0 as number | string });
  const [disciplined, setDisciplined] = useState(false);
  const [fixed, setFixed] = useState(true);
  const total = template.criteria.reduce((s, c) => s + (Number(points[c.code]) || 0), 0);
  const num = (v: number | string) => (typeof v === 'number' ? v : Number(v) || 0);
  return (
    <StepModal
      title={t('review.self.title', { form: template.form })}
      participant={participant}
      step="self"
      onClose={onClose}
      body={() => ({
        scores: template.criteria.map((c) => ({ code: c.code, points: num(points[c.code] ?? 0), note: notes[c.code] ?? '' })),
        tasksTotal: num(tasks.tasksTotal),
        tasksLate: num(tasks.tasksLate),
        tasksExceeding: num(tasks.tasksExceeding),
        disciplined,
        shortcomingsFixed: fixed,
      })}
    >
      <Stack gap="xs">
        {template.criteria.map((c) => (
          <Stack key={c.code} gap={2}>
            <Text size="sm" fw={500}>
              {c.code}. {c.title} ({t('review.self.max', { max: c.maxPoints })})
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <NumberInput w={90} min={0} max={c.maxPoints} value={points[c.code] ?? ''} onChange={(v) => setPoints((p) => ({ ...p, [c.code]: v }))} aria-label={t('review.self.points')} data-testid={`score-${c.code}`} data-max={c.maxPoints} />
              <TextInput style={{ flex: 1 }} placeholder={t('review.self.note')} value={notes[c.code] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [c.code]: e.currentTarget.value }))} />
            </Group>
          </Stack>
        ))}
        <Text fw={600} data-testid="self-total">
          {t('review.self.total', { total })}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          <NumberInput label={t('review.self.tasksTotal')} min={0} value={tasks.tasksTotal} onChange={(v) => setTasks((s) => ({ ...s, tasksTotal: v }))} data-testid="tasks-total" />
          <NumberInput label={t('review.self.tasksLate')} min={0} value={tasks.tasksLate} onChange={(v) => setTasks((s) => ({ ...s, tasksLate: v }))} data-testid="tasks-late" />
          <NumberInput label={t('review.self.tasksExceeding')} min={0} value={tasks.tasksExceeding} onChange={(v) => setTasks((s) => ({ ...s, tasksExceeding: v }))} data-testid="tasks-exceeding" />
        </SimpleGrid>
        <Checkbox label={t(participant.kind === 'cell' ? 'review.self.disciplinedCell' : 'review.self.disciplined')} checked={disciplined} onChange={(e) => setDisciplined(e.currentTarget.checked)} />
        <Checkbox label={t('review.self.shortcomingsFixed')} checked={fixed} onChange={(e) => setFixed(e.currentTarget.checked)} />
      </Stack>
    </StepModal>
  );
}

function AppraiseForm({ participant, onClose }: { participant: Participant; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useLevelOptions();
  const [meetingDate, setMeetingDate] = useState<string | null>(todayIso());
  const [present, setPresent] = useState<number | string>('');
  const [votesFor, setFor] = useState<number | string>('');
  const [votesAgainst, setAgainst] = useState<number | string>(0);
  const [level, setLevel] = useState<string | null>(participant.self?.allowedLevel ?? null);
  const [comment, setComment] = useState('');
  return (
    <StepModal
      title={t('review.appraise.title')}
      participant={participant}
      step="appraise"
      onClose={onClose}
      body={() => ({ meetingDate, present: Number(present) || 0, votesFor: Number(votesFor) || 0, votesAgainst: Number(votesAgainst) || 0, proposedLevel: level, comment })}
    >
      {participant.self && <Text size="sm">{t('review.appraise.selfSummary', { total: participant.self.total, level: t(`review.levels.${participant.self.allowedLevel}`) })}</Text>}
      <DateField label={t('review.appraise.meetingDate')} value={meetingDate} onChange={setMeetingDate} data-testid="meeting-date" />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
        <NumberInput label={t('review.appraise.present')} min={1} value={present} onChange={setPresent} data-testid="present" />
        <NumberInput label={t('review.appraise.votesFor')} min={0} value={votesFor} onChange={setFor} data-testid="votes-for" />
        <NumberInput label={t('review.appraise.votesAgainst')} min={0} value={votesAgainst} onChange={setAgainst} />
      </SimpleGrid>
      <Select label={t('review.appraise.proposedLevel')} data={options} value={level} onChange={setLevel} data-testid="proposed-level" allowDeselect={false} />
      <Textarea label={t('review.appraise.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
    </StepModal>
  );
}

function ComplainForm({ participant, onClose }: { participant: Participant; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <StepModal title={t('review.complain.title')} participant={participant} step="complain" onClose={onClose} body={() => ({ reason })}>
      <Text size="sm">{t('review.complain.level', { level: t(`review.levels.${participant.finalLevel ?? 'completed'}`) })}</Text>
      {participant.complaintUntil && <Text size="sm" c="dimmed">{t('review.complain.until', { date: formatDate(participant.complaintUntil) })}</Text>}
      <Textarea label={t('review.complain.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} data-testid="complaint-reason" />
    </StepModal>
  );
}

function DecideForm({ participant, step, onClose }: { participant: Participant; step: 'decide' | 'recheck'; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useLevelOptions();
  const [level, setLevel] = useState<string | null>(step === 'decide' ? (participant.appraisal?.proposedLevel ?? null) : (participant.decision?.level ?? null));
  const [reason, setReason] = useState('');
  return (
    <StepModal title={t(`review.${step}.title`)} participant={participant} step={step} onClose={onClose} body={() => ({ level, reason })}>
      {participant.self && <Text size="sm">{t('review.appraise.selfSummary', { total: participant.self.total, level: t(`review.levels.${participant.self.allowedLevel}`) })}</Text>}
      {step === 'recheck' && participant.complaint && (
        <Text size="sm" data-testid="complaint-text">
          {t('review.recheck.complaint', { reason: participant.complaint.reason })}
        </Text>
      )}
      {participant.appraisal && <Text size="sm">{t('review.decide.proposal', { level: t(`review.levels.${participant.appraisal.proposedLevel}`), votesFor: participant.appraisal.votesFor, present: participant.appraisal.present })}</Text>}
      <Select label={t('review.decide.level')} data={options} value={level} onChange={setLevel} data-testid="final-level" allowDeselect={false} />
      <Textarea label={t('review.decide.reason')} description={t('review.decide.reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-testid="decision-reason" />
    </StepModal>
  );
}

export function StepDialog({ participant, step, templates, onClose }: { participant: Participant; step: Step; templates: Template[]; onClose: () => void }) {
  if (step === 'self') return <SelfForm participant={participant} template={templates.find((x) => x.group === participant.group)!} onClose={onClose} />;
  if (step === 'appraise') return <AppraiseForm participant={participant} onClose={onClose} />;
  if (step === 'complain') return <ComplainForm participant={participant} onClose={onClose} />;
  return <DecideForm participant={participant} step={step} onClose={onClose} />;
}

export const levelOf = (t: (k: string) => string, l: ReviewLevel | null | undefined) => (l ? t(`review.levels.${l}`) : '—');
