// Changing an open course (title, dates, place, capacity, rules) and cancelling it after a confirmation: a raised
// capacity seats the first waiting, a cancellation tells every trainee and those waiting.
import { Button, Group, NumberInput, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import { trainingIssue, type CourseDetail } from './api';

interface EditValues {
  title: string;
  place: string;
  startsOn: string | null;
  endsOn: string | null;
  capacity: number | '';
  waitlistCapacity: number | '';
  minAttendancePct: number | '';
}

export function CourseEditButtons({ d }: { d: CourseDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  return (
    <Group gap="xs" wrap="wrap">
      <Button variant="light" onClick={() => setEditing(true)} data-testid="course-edit">
        {t('training.edit.button')}
      </Button>
      <Button variant="light" color="red" onClick={() => setCancelling(true)} data-testid="course-cancel">
        {t('training.cancel.button')}
      </Button>
      {editing && <EditModal d={d} onClose={() => setEditing(false)} />}
      {cancelling && <CancelModal d={d} onClose={() => setCancelling(false)} />}
    </Group>
  );
}

function EditModal({ d, onClose }: { d: CourseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const c = d.course;
  const initial: EditValues = { title: c.title, place: c.place, startsOn: c.startsOn, endsOn: c.endsOn, capacity: c.capacity, waitlistCapacity: c.waitlistCapacity, minAttendancePct: c.minAttendancePct };
  const form = useForm<EditValues>(initial);
  const v = form.values;
  const num = (x: number | '') => (x === '' ? undefined : x);
  const save = useWrite(
    () =>
      call(
        api.PATCH('/api/training/courses/{id}', {
          params: { path: { id: c.id } },
          body: {
            title: v.title !== c.title ? v.title : undefined,
            place: v.place !== c.place ? v.place : undefined,
            startsOn: v.startsOn && v.startsOn !== c.startsOn ? v.startsOn : undefined,
            endsOn: v.endsOn && v.endsOn !== c.endsOn ? v.endsOn : undefined,
            capacity: v.capacity !== c.capacity ? num(v.capacity) : undefined,
            waitlistCapacity: v.waitlistCapacity !== c.waitlistCapacity ? num(v.waitlistCapacity) : undefined,
            minAttendancePct: v.minAttendancePct !== c.minAttendancePct ? num(v.minAttendancePct) : undefined,
          },
        }),
      ),
    {
      onSuccess: (r) => {
        onClose();
        // The write says "saved" itself; the seats given from the waiting list are worth saying too.
        if (r.seated > 0) notifications.show({ color: 'green', message: t('training.edit.savedSeated', { count: r.seated }) });
      },
      onError: form.showError,
    },
  );
  return (
    <FormModal title={t('training.edit.title')} opened onClose={onClose} onSubmit={() => save.mutate(undefined)} loading={save.isPending} formError={form.formError} issueText={trainingIssue(t)} size="lg" testId="course-edit-form">
      <TextInput label={t('training.field.title')} required {...form.text('title')} data-testid="edit-title" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('training.field.place')} required {...form.text('place')} />
        <NumberInput label={t('training.edit.minAttendancePct')} min={0} max={100} allowDecimal={false} value={v.minAttendancePct} onChange={(n) => form.setField('minAttendancePct', typeof n === 'number' ? n : '')} error={form.errors.minAttendancePct} />
        <DateField label={t('training.field.startsOn')} required {...form.choice('startsOn')} />
        <DateField label={t('training.field.endsOn')} required {...form.choice('endsOn')} />
        <NumberInput label={t('training.field.capacity')} required min={1} max={2000} allowDecimal={false} value={v.capacity} onChange={(n) => form.setField('capacity', typeof n === 'number' ? n : '')} error={form.errors.capacity} data-testid="edit-capacity" />
        <NumberInput label={t('training.field.waitlistCapacity')} min={0} max={2000} allowDecimal={false} value={v.waitlistCapacity} onChange={(n) => form.setField('waitlistCapacity', typeof n === 'number' ? n : '')} error={form.errors.waitlistCapacity} />
      </SimpleGrid>
      {c.waiting > 0 && (
        <Text size="sm" c="dimmed">
          {t('training.edit.waitingHint', { count: c.waiting })}
        </Text>
      )}
    </FormModal>
  );
}

function CancelModal({ d, onClose }: { d: CourseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ reason: string }>({ reason: '' });
  const cancel = useWrite(() => call(api.POST('/api/training/courses/{id}/cancel', { params: { path: { id: d.course.id } }, body: { reason: form.values.reason } })), {
    onSuccess: (r) => {
      onClose();
      notifications.show({ color: 'green', message: t('training.cancel.done', { count: r.notified }) });
    },
    onError: form.showError,
  });
  const c = d.course;
  return (
    <FormModal title={t('training.cancel.title')} opened onClose={onClose} onSubmit={() => cancel.mutate(undefined)} loading={cancel.isPending} formError={form.formError} issueText={trainingIssue(t)} submitLabel={t('training.cancel.submit')} danger testId="course-cancel-form">
      <Text size="sm">{t('training.cancel.confirm', { enrolled: c.enrolled, waiting: c.waiting })}</Text>
      <Textarea label={t('training.cancel.reason')} required autosize minRows={2} {...form.text('reason')} data-testid="cancel-reason" />
    </FormModal>
  );
}
