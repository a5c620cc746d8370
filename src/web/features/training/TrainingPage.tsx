// The training page: the courses the reader sees (and a new one, where they may organize), and who has not been
// trained in their branch, with enrolment into an open course in one action and the list in Excel.
import { ActionIcon, Anchor, Badge, Button, Card, Checkbox, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, apiUrl, call, formBody } from '../../api/client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { PageTabs } from '../../components/PageTabs';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { useNumberFormat } from '../../lib/format';
import { useWrite } from '../../lib/mutation';
import { nameIn, statusColor, trainingIssue, useTrainingReference, type Course } from './api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DownloadButton } from '../../components/DownloadButton';

// Charts are heavy: loaded with the trend tab only.
const TheoryTrend = lazy(() => import('./TheoryTrend'));

export function TrainingPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={2}>{t('training.title')}</Title>
      <PageTabs
        inUrl
        initial="courses"
        tabs={[
          { value: 'courses', label: t('training.tabs.courses'), testId: 'training-tab-courses', panel: <CoursesPanel /> },
          { value: 'untrained', label: t('training.tabs.untrained'), testId: 'training-tab-untrained', panel: <UntrainedPanel /> },
          {
            value: 'trend',
            label: t('training.tabs.trend'),
            testId: 'training-tab-trend',
            panel: (
              <Suspense fallback={<Loader size="sm" />}>
                <TheoryTrend />
              </Suspense>
            ),
          },
        ]}
      />
    </Stack>
  );
}

function CourseCard({ course }: { course: Course }) {
  const { t, i18n } = useTranslation();
  const reference = useTrainingReference();
  const n = useNumberFormat();
  const kind = reference.data?.kinds.find((k) => k.code === course.kindCode);
  return (
    <Card withBorder padding="sm" data-testid="course-card">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/training/courses/${course.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {course.title}
          </Anchor>
          <Badge color={statusColor[course.status]} variant="light" c={`${statusColor[course.status]}.9`} style={{ flexShrink: 0 }}>
            {t(`training.status.${course.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {nameIn(i18n.language, kind, course.kindCode)} · {course.organizer}
        </Text>
        <Text size="sm">
          {formatDateVi(course.startsOn)} – {formatDateVi(course.endsOn)} · {course.place}
        </Text>
        <Text size="sm">{t('training.seats', { enrolled: n.int(course.enrolled), capacity: n.int(course.capacity), waiting: n.int(course.waiting) })}</Text>
      </Stack>
    </Card>
  );
}

function CoursesPanel() {
  const { t } = useTranslation();
  const reference = useTrainingReference();
  const [creating, setCreating] = useState(false);
  const courses = useQuery({ queryKey: ['training-courses'], queryFn: ({ signal }) => call(api.GET('/api/training/courses', { params: { query: { limit: 100 } }, signal })) });
  const organizers = reference.data?.organizerUnits ?? [];
  return (
    <Stack gap="sm" pt="sm">
      {organizers.length > 0 && (
        <Group>
          <Button onClick={() => setCreating(true)} data-testid="course-new">
            {t('training.new')}
          </Button>
        </Group>
      )}
      <QueryState query={courses}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('training.noCourses')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {data.items.map((c) => (
                <CourseCard key={c.id} course={c} />
              ))}
            </SimpleGrid>
          )
        }
      </QueryState>
      {creating && <CourseModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

interface SessionValues {
  heldOn: string | null;
  hours: number | '';
  topic: string;
}
interface CourseValues {
  title: string;
  kindCode: string | null;
  organizerUnitId: string | null;
  targetGroup: string | null;
  startsOn: string | null;
  endsOn: string | null;
  place: string;
  capacity: number | '';
  waitlistCapacity: number | '';
  sessions: SessionValues[];
}

function CourseModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const reference = useTrainingReference();
  const ref = reference.data;
  const form = useForm<CourseValues>({
    title: '',
    kindCode: null,
    organizerUnitId: ref?.organizerUnits[0]?.id ?? null,
    targetGroup: 'secretaries',
    startsOn: null,
    endsOn: null,
    place: '',
    capacity: 30,
    waitlistCapacity: 10,
    sessions: [{ heldOn: null, hours: 4, topic: '' }],
  });
  const v = form.values;
  const setSession = (i: number, patch: Partial<SessionValues>) => form.setField('sessions', v.sessions.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const save = useWrite(() => call(api.POST('/api/training/courses', { body: formBody({ ...v, capacity: v.capacity === '' ? null : v.capacity, waitlistCapacity: v.waitlistCapacity === '' ? 0 : v.waitlistCapacity }) })), {
    onSuccess: (created) => {
      onClose();
      navigate(`/training/courses/${created.id}`);
    },
    onError: form.showError,
  });
  return (
    <FormModal title={t('training.new')} opened onClose={onClose} onSubmit={() => save.mutate(undefined)} loading={save.isPending} formError={form.formError} issueText={trainingIssue(t)} size="lg" testId="course-form">
      <TextInput label={t('training.field.title')} required {...form.text('title')} data-testid="course-title" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('training.field.kind')} required data={(ref?.kinds ?? []).map((k) => ({ value: k.code, label: nameIn(i18n.language, k, k.code) }))} {...form.choice('kindCode')} data-testid="course-kind" />
        <Select label={t('training.field.organizer')} required data={(ref?.organizerUnits ?? []).map((u) => ({ value: u.id, label: u.name }))} {...form.choice('organizerUnitId')} data-testid="course-organizer" />
        <Select label={t('training.field.targetGroup')} required data={(ref?.targetGroups ?? []).map((g) => ({ value: g.code, label: nameIn(i18n.language, g, g.code) }))} {...form.choice('targetGroup')} data-testid="course-target" />
        <TextInput label={t('training.field.place')} required {...form.text('place')} data-testid="course-place" />
        <DateField label={t('training.field.startsOn')} required {...form.choice('startsOn')} data-testid="course-starts" />
        <DateField label={t('training.field.endsOn')} required {...form.choice('endsOn')} data-testid="course-ends" />
        <NumberInput label={t('training.field.capacity')} required min={1} max={2000} allowDecimal={false} value={v.capacity} onChange={(n) => form.setField('capacity', typeof n === 'number' ? n : '')} error={form.errors.capacity} data-testid="course-capacity" />
        <NumberInput label={t('training.field.waitlistCapacity')} min={0} max={2000} allowDecimal={false} value={v.waitlistCapacity} onChange={(n) => form.setField('waitlistCapacity', typeof n === 'number' ? n : '')} error={form.errors.waitlistCapacity} />
      </SimpleGrid>
      <Text fw={600} size="sm">
        {t('training.field.sessions')}
      </Text>
      {form.errors.sessions && (
        <Text size="sm" c="red.8" data-testid="course-sessions-error">
          {form.errors.sessions}
        </Text>
      )}
      {v.sessions.map((s, i) => (
        <Card key={i} withBorder padding="xs">
          <Group align="flex-end" wrap="wrap" gap="xs">
            <DateField label={t('training.field.heldOn')} value={s.heldOn} onChange={(d) => setSession(i, { heldOn: d })} w={150} data-testid={`session-date-${i}`} />
            <NumberInput label={t('training.field.hours')} min={0.5} max={12} step={0.5} value={s.hours} onChange={(n) => setSession(i, { hours: typeof n === 'number' ? n : '' })} w={90} />
            <TextInput label={t('training.field.topic')} value={s.topic} onChange={(e) => setSession(i, { topic: e.currentTarget.value })} style={{ flex: '1 1 160px' }} data-testid={`session-topic-${i}`} />
            <ActionIcon variant="subtle" color="red" aria-label={t('training.removeSession')} onClick={() => form.setField('sessions', v.sessions.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          </Group>
        </Card>
      ))}
      <Group>
        <Button variant="light" size="xs" onClick={() => form.setField('sessions', [...v.sessions, { heldOn: null, hours: 4, topic: '' }])} data-testid="session-add">
          {t('training.addSession')}
        </Button>
      </Group>
    </FormModal>
  );
}

function UntrainedPanel() {
  const { t, i18n } = useTranslation();
  const reference = useTrainingReference();
  const n = useNumberFormat();
  const [group, setGroup] = useState<string | null>('secretaries');
  const [years, setYears] = useState<number>(5);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [courseId, setCourseId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['training-untrained', group, years],
    queryFn: ({ signal }) => call(api.GET('/api/training/untrained', { params: { query: { group: group ?? 'secretaries', years } }, signal })),
  });
  const open = useQuery({ queryKey: ['training-courses', 'open'], queryFn: ({ signal }) => call(api.GET('/api/training/courses', { params: { query: { status: 'open', limit: 100 } }, signal })) });
  const enrol = useWrite(() => call(api.POST('/api/training/courses/{id}/enrolments', { params: { path: { id: courseId! } }, body: { personIds: [...chosen] } })), {
    onSuccess: (r) => {
      setChosen(new Set());
      notifications.show({ color: 'green', message: t('training.enrolled', { enrolled: r.enrolled, waiting: r.waiting }) });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm" pt="sm">
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('training.untrained.group')}
          data={(reference.data?.targetGroups ?? []).map((g) => ({ value: g.code, label: nameIn(i18n.language, g, g.code) }))}
          value={group}
          onChange={setGroup}
          w={260}
          data-testid="untrained-group"
        />
        <NumberInput label={t('training.untrained.years')} min={1} max={20} value={years} onChange={(x) => setYears(typeof x === 'number' ? x : 5)} w={200} />
        <DownloadButton href={apiUrl('/api/training/untrained.xlsx', { group, years })} size="sm" variant="light" data-testid="untrained-export">
          {t('training.untrained.export')}
        </DownloadButton>
      </Group>
      <QueryState query={list}>
        {(data) => (
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Text fw={600} data-testid="untrained-count">
                {t('training.untrained.count', { count: data.items.length, years: data.years, formatted: n.int(data.items.length) })}
              </Text>
              <Checkbox label={t('training.selectAll')} checked={items.length > 0 && chosen.size === items.length} onChange={(e) => setChosen(e.currentTarget.checked ? new Set(items.map((i) => i.personId)) : new Set())} />
            </Group>
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('training.untrained.enrolInto')}
                placeholder={t('training.untrained.chooseCourse')}
                data={(open.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))}
                value={courseId}
                onChange={setCourseId}
                style={{ flex: '1 1 220px' }}
              />
              <ConfirmButton
                disabled={!courseId || chosen.size === 0}
                loading={enrol.isPending}
                onConfirm={() => enrol.mutateAsync(undefined).catch(() => {})}
                confirmTitle={t('training.enrolConfirmTitle')}
                confirmBody={t('training.enrolConfirm', { count: chosen.size, course: (open.data?.items ?? []).find((c) => c.id === courseId)?.title ?? '' })}
                data-testid="untrained-enrol"
              >
                {t('training.enrolSelected', { count: chosen.size })}
              </ConfirmButton>
            </Group>
            {enrol.error ? <ErrorAlert error={enrol.error} issueText={trainingIssue(t)} /> : null}
            {data.items.map((c) => (
              <Card key={c.personId} withBorder padding="xs" data-testid="untrained-row">
                <Checkbox
                  checked={chosen.has(c.personId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.currentTarget.checked) next.add(c.personId);
                    else next.delete(c.personId);
                    setChosen(next);
                  }}
                  label={
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {c.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {c.position ? t(`enums.position.${c.position}`) : ''} {t('training.untrained.since', { date: formatDateVi(c.since) })} · {c.cell}
                        {c.commune ? `, ${c.commune}` : ''}
                      </Text>
                      <Text size="xs">
                        {t(`enums.theoryLevel.${c.theoryLevel}`)} · {c.lastTrained ? t('training.untrained.lastTrained', { date: formatDateVi(c.lastTrained) }) : t('training.untrained.never')}
                      </Text>
                    </Stack>
                  }
                />
              </Card>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
