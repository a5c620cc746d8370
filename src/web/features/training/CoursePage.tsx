// A course: what it is and its rules, its trainees (seated and waiting), the suggested trainees to enrol in one
// action, attendance per session (a checklist that fits a phone), scores, completion (after a confirmation), the
// certificates, and the materials.
import { Anchor, Badge, Button, Card, Checkbox, FileButton, Group, NumberInput, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, call, postForm } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { useNumberFormat } from '../../lib/format';
import { useWrite } from '../../lib/mutation';
import { CourseEditButtons } from './CourseEdit';
import { enrolColor, nameIn, statusColor, trainingIssue, useTrainingReference, type CourseDetail, type Enrolment } from './api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DownloadButton } from '../../components/DownloadButton';

export function CoursePage() {
  const { id } = useParams() as { id: string };
  const detail = useQuery({ queryKey: ['training-course', id], queryFn: ({ signal }) => call(api.GET('/api/training/courses/{id}', { params: { path: { id } }, signal })) });
  return <QueryState query={detail}>{(d) => <Course d={d} />}</QueryState>;
}

function Course({ d }: { d: CourseDetail }) {
  const { t, i18n } = useTranslation();
  const n = useNumberFormat();
  const reference = useTrainingReference();
  const c = d.course;
  const open = c.status === 'open';
  const manage = open && d.actions.includes('course.manage');
  const enrol = open && d.actions.includes('course.enrol');
  const kind = reference.data?.kinds.find((k) => k.code === c.kindCode);
  const group = reference.data?.targetGroups.find((g) => g.code === c.targetGroup);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }} data-testid="course-heading">
            {c.title}
          </Title>
          <Badge color={statusColor[c.status]} variant="light" c={`${statusColor[c.status]}.9`} style={{ flexShrink: 0 }} data-testid="course-status">
            {t(`training.status.${c.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {nameIn(i18n.language, kind, c.kindCode)} · {c.organizer} · {nameIn(i18n.language, group, c.targetGroup)}
        </Text>
        <Text size="sm">
          {formatDateVi(c.startsOn)} – {formatDateVi(c.endsOn)} · {c.place} · {t('training.hoursTotal', { hours: n.decimal(c.hours), sessions: n.int(c.sessions) })}
        </Text>
        <Text size="sm" data-testid="course-seats">
          {t('training.seats', { enrolled: n.int(c.enrolled), capacity: n.int(c.capacity), waiting: n.int(c.waiting) })}
        </Text>
        <Text size="sm" c="dimmed">
          {c.minScore === null ? t('training.rules', { pct: c.minAttendancePct }) : t('training.rulesScore', { pct: c.minAttendancePct, score: n.decimal(c.minScore) })}
        </Text>
      </Stack>
      {manage && (
        <Group gap="xs" wrap="wrap">
          <CompleteButton d={d} />
          <CourseEditButtons d={d} />
        </Group>
      )}
      {enrol && <Suggestions courseId={c.id} courseTitle={c.title} />}
      {manage && d.sessions.length > 0 && <Attendance d={d} />}
      <Trainees d={d} manage={manage} enrol={enrol} canRevoke={d.actions.includes('course.manage')} />
      <Materials d={d} manage={manage} />
    </Stack>
  );
}

function CompleteButton({ d }: { d: CourseDetail }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const seated = d.enrolments.filter((e) => e.status === 'enrolled').length;
  const complete = useWrite(() => call(api.POST('/api/training/courses/{id}/complete', { params: { path: { id: d.course.id } }, body: {} })), {
    onSuccess: (r) => {
      setConfirming(false);
      notifications.show({ color: 'green', message: t('training.completed', { passed: r.passed, trainees: r.trainees, raised: r.theoryRaised }) });
    },
  });
  return (
    <Group>
      <Button color="green" variant="light" onClick={() => setConfirming(true)} data-testid="course-complete">
        {t('training.complete')}
      </Button>
      <FormModal title={t('training.complete')} opened={confirming} onClose={() => setConfirming(false)} onSubmit={() => complete.mutate(undefined)} loading={complete.isPending} formError={complete.error} issueText={trainingIssue(t)} submitLabel={t('training.complete')} testId="complete-confirm">
        <Text size="sm">{t('training.completeConfirm', { count: seated })}</Text>
      </FormModal>
    </Group>
  );
}

function Suggestions({ courseId, courseTitle }: { courseId: string; courseTitle: string }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['training-suggestions', courseId], queryFn: ({ signal }) => call(api.GET('/api/training/courses/{id}/suggestions', { params: { path: { id: courseId } }, signal })) });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const enrol = useWrite(() => call(api.POST('/api/training/courses/{id}/enrolments', { params: { path: { id: courseId } }, body: { personIds: [...chosen] } })), {
    onSuccess: (r) => {
      setChosen(new Set());
      notifications.show({ color: 'green', message: t('training.enrolled', { enrolled: r.enrolled, waiting: r.waiting }) });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <Card withBorder padding="sm" data-testid="suggestions">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{t('training.suggestions')}</Text>
          {items.length > 0 && (
            <Checkbox
              label={t('training.selectAll')}
              checked={chosen.size === items.length}
              onChange={(e) => setChosen(e.currentTarget.checked ? new Set(items.map((i) => i.personId)) : new Set())}
              data-testid="suggestions-all"
            />
          )}
        </Group>
        <QueryState query={list}>
          {(data) =>
            data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('training.noSuggestions')}
              </Text>
            ) : (
              <Stack gap={6}>
                {data.items.map((s) => (
                  <Checkbox
                    key={s.personId}
                    checked={chosen.has(s.personId)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.currentTarget.checked) next.add(s.personId);
                      else next.delete(s.personId);
                      setChosen(next);
                    }}
                    data-testid="suggestion"
                    label={
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>
                          {s.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {s.position ? t(`enums.position.${s.position}`) : ''} · {s.cell}
                          {s.commune ? `, ${s.commune}` : ''}
                        </Text>
                        <Group gap={4}>
                          {s.rules.map((r) => (
                            <Badge key={r} size="xs" variant="light" c="grape.9" color="grape">
                              {t(`training.rule.${r}`, { defaultValue: r })}
                            </Badge>
                          ))}
                        </Group>
                      </Stack>
                    }
                  />
                ))}
              </Stack>
            )
          }
        </QueryState>
        {enrol.error ? <ErrorAlert error={enrol.error} issueText={trainingIssue(t)} /> : null}
        <Group>
          <ConfirmButton
            disabled={chosen.size === 0}
            loading={enrol.isPending}
            onConfirm={() => enrol.mutateAsync(undefined).catch(() => {})}
            confirmTitle={t('training.enrolConfirmTitle')}
            confirmBody={t('training.enrolConfirm', { count: chosen.size, course: courseTitle })}
            data-testid="suggestions-enrol"
          >
            {t('training.enrolSelected', { count: chosen.size })}
          </ConfirmButton>
        </Group>
      </Stack>
    </Card>
  );
}

function Attendance({ d }: { d: CourseDetail }) {
  const { t } = useTranslation();
  const [sessionId, setSessionId] = useState<string>(d.sessions[0]!.id);
  const session = d.sessions.find((s) => s.id === sessionId) ?? d.sessions[0]!;
  const seated = d.enrolments.filter((e) => e.status === 'enrolled');
  const [present, setPresent] = useState<Set<string>>(new Set());
  useEffect(() => {
    // A session never recorded starts with everyone present: the officer unticks who is missing.
    setPresent(new Set(session.recorded.length ? seated.filter((e) => session.present.includes(e.id)).map((e) => e.personId) : seated.map((e) => e.personId)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.id, d]);
  const save = useWrite(
    () => call(api.PUT('/api/training/sessions/{id}/attendance', { params: { path: { id: session.id } }, body: { entries: seated.map((e) => ({ personId: e.personId, present: present.has(e.personId) })) } })),
    {},
  );
  if (seated.length === 0) return null;
  return (
    <Card withBorder padding="sm" data-testid="attendance">
      <Stack gap="xs">
        <Text fw={600}>{t('training.attendance')}</Text>
        <Select label={t('training.chooseSession')} value={session.id} onChange={(x) => x && setSessionId(x)} allowDeselect={false} data={d.sessions.map((s) => ({ value: s.id, label: `${formatDateVi(s.heldOn)} · ${s.topic}` }))} data-testid="attendance-session" />
        <Text size="sm" data-testid="attendance-count">
          {t('training.presentCount', { present: present.size, total: seated.length })}
        </Text>
        {seated.map((e) => (
          <Checkbox
            key={e.id}
            size="md"
            label={`${e.name}${e.cell ? ` · ${e.cell}` : ''}`}
            checked={present.has(e.personId)}
            onChange={(ev) => {
              const next = new Set(present);
              if (ev.currentTarget.checked) next.add(e.personId);
              else next.delete(e.personId);
              setPresent(next);
            }}
            data-testid="attendance-person"
          />
        ))}
        {save.error ? <ErrorAlert error={save.error} issueText={trainingIssue(t)} /> : null}
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid="attendance-save">
            {t('training.saveAttendance')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ScoreInput({ e }: { e: Enrolment }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<number | ''>(e.score ?? '');
  const save = useWrite(() => call(api.PUT('/api/training/enrolments/{id}/score', { params: { path: { id: e.id } }, body: { score: score === '' ? null : score } })), {});
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <NumberInput label={t('training.field.score')} min={0} max={10} step={0.5} decimalScale={1} value={score} onChange={(x) => setScore(typeof x === 'number' ? x : '')} w={90} size="xs" data-testid="score-input" />
      <Button size="xs" variant="light" loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid="score-save">
        {t('training.saveScore')}
      </Button>
      {save.error ? <ErrorAlert error={save.error} issueText={trainingIssue(t)} /> : null}
    </Group>
  );
}

function Trainees({ d, manage, enrol, canRevoke }: { d: CourseDetail; manage: boolean; enrol: boolean; canRevoke: boolean }) {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const [revoking, setRevoking] = useState<Enrolment | null>(null);
  const [reason, setReason] = useState('');
  const withdraw = useWrite((id: string) => call(api.POST('/api/training/enrolments/{id}/withdraw', { params: { path: { id } }, body: {} })), {});
  const revoke = useWrite(() => call(api.POST('/api/training/enrolments/{id}/certificate/revoke', { params: { path: { id: revoking!.id } }, body: { reason } })), {
    onSuccess: () => setRevoking(null),
  });
  const shown = d.enrolments.filter((e) => e.status !== 'withdrawn');
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('training.enrolments')}</Text>
      {shown.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('training.noEnrolments')}
        </Text>
      )}
      {withdraw.error ? <ErrorAlert error={withdraw.error} issueText={trainingIssue(t)} /> : null}
      {shown.map((e) => (
        <Card key={e.id} withBorder padding="xs" data-testid="trainee">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {e.name}
                </Text>
                {e.cell && (
                  <Text size="xs" c="dimmed">
                    {e.cell}
                  </Text>
                )}
              </Stack>
              {e.result ? (
                <Badge color={e.result === 'passed' ? 'green' : 'red'} variant="light" c={e.result === 'passed' ? 'green.9' : 'red.9'} data-testid="trainee-result" style={{ flexShrink: 0 }}>
                  {t(`training.result.${e.result}`)}
                </Badge>
              ) : (
                <Badge color={enrolColor[e.status]} variant="light" c={`${enrolColor[e.status]}.9`} style={{ flexShrink: 0 }}>
                  {t(`training.enrolStatus.${e.status}`)}
                </Badge>
              )}
            </Group>
            {e.attendancePct !== null && (
              <Text size="xs">
                {t('training.attendancePct', { pct: n.decimal(e.attendancePct) })}
                {e.score !== null ? ` · ${t('training.field.score')} ${n.decimal(e.score)}` : ''}
              </Text>
            )}
            <Group gap="xs" wrap="wrap">
              {manage && e.status === 'enrolled' && <ScoreInput e={e} />}
              {enrol && (
                <Button size="xs" variant="subtle" color="red" onClick={() => withdraw.mutate(e.id)}>
                  {t('training.withdraw')}
                </Button>
              )}
              {e.certificate && (
                <DownloadButton href={`/api/training/enrolments/${e.id}/certificate`} size="compact-sm" variant="subtle" data-testid="certificate-link">
                  {t('training.certificate')} {e.certificate}
                </DownloadButton>
              )}
              {e.certificateRevoked && (
                <Badge color="red" variant="light" c="red.9">
                  {t('training.revoked')}
                </Badge>
              )}
              {e.certificate && !e.certificateRevoked && canRevoke && (
                <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(e)}>
                  {t('training.revoke')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      ))}
      <FormModal title={t('training.revoke')} opened={revoking !== null} onClose={() => setRevoking(null)} onSubmit={() => revoke.mutate(undefined)} loading={revoke.isPending} formError={revoke.error} issueText={trainingIssue(t)} danger submitLabel={t('training.revoke')}>
        <Text size="sm">{revoking?.name}</Text>
        <Textarea label={t('training.revokeReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
      </FormModal>
    </Stack>
  );
}

function Materials({ d, manage }: { d: CourseDetail; manage: boolean }) {
  const { t } = useTranslation();
  const upload = useWrite(
    (file: File) => {
      const form = new FormData();
      form.append('file', file);
      // The path with its id filled in: postForm sends to the path as given.
      return postForm(`/api/training/courses/${d.course.id}/materials` as never, form) as Promise<unknown>;
    },
    {},
  );
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('training.materials')}</Text>
      {d.materials.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('training.noMaterials')}
        </Text>
      )}
      {d.materials.map((m) => (
        <Anchor key={m.id} href={`/api/training/courses/${d.course.id}/materials/${m.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {m.fileName}
        </Anchor>
      ))}
      {manage && (
        <Group>
          <FileButton onChange={(f) => f && upload.mutate(f)} accept=".pdf,.docx,.pptx">
            {(props) => (
              <Button {...props} size="xs" variant="light" loading={upload.isPending}>
                {t('training.upload')}
              </Button>
            )}
          </FileButton>
        </Group>
      )}
      {upload.error ? <ErrorAlert error={upload.error} issueText={trainingIssue(t)} /> : null}
    </Stack>
  );
}
