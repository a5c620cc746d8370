import { Select, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, call, formBody } from '../../api/client';
import type { Person } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { enumOptions } from '../../lib/enums';
import { todayIso } from '../../lib/format';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';

type Props = { person: Person; opened: boolean; onClose: () => void };

export function TransferModal({ person, opened, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({ toUnitId: null as string | null, date: todayIso() as string | null });
  const write = useWrite(
    () => call(api.POST('/api/people/{id}/transfer', { params: { path: { id: person.id } }, body: formBody(form.values) })),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal title={t('person.transfer')} opened={opened} onClose={onClose} onSubmit={() => write.mutate(undefined)} loading={write.isPending} formError={form.formError}>
      {person.unit && <Text size="sm">{t('person.currentCellIs', { name: person.unit.name })}</Text>}
      <UnitPicker
        label={t('person.targetCell')}
        kind="cell"
        required
        value={form.values.toUnitId}
        onChange={(id) => form.setField('toUnitId', id)}
        error={form.errors.toUnitId}
        data-testid="transfer-unit"
      />
      <DateField label={t('units.effectiveDate')} required {...form.choice('date')} />
    </FormModal>
  );
}

export function CloseModal({ person, opened, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({ reason: 'left' as string | null, date: todayIso() as string | null });
  const write = useWrite(
    () => call(api.POST('/api/people/{id}/close', { params: { path: { id: person.id } }, body: formBody(form.values) })),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal
      title={t('person.close')}
      opened={opened}
      onClose={onClose}
      onSubmit={() => write.mutate(undefined)}
      loading={write.isPending}
      formError={form.formError}
      danger
      submitLabel={t('person.close')}
    >
      <Select label={t('person.closeReason')} data={enumOptions(t, 'status', ['left', 'deceased'])} {...form.choice('reason')} allowDeselect={false} />
      <DateField label={t('units.effectiveDate')} required {...form.choice('date')} />
    </FormModal>
  );
}

export function AddPositionModal({ person, opened, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({ position: 'secretary' as string | null, from: todayIso() as string | null });
  const write = useWrite(
    () => call(api.POST('/api/people/{id}/positions', { params: { path: { id: person.id } }, body: formBody(form.values) })),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal title={t('person.addPosition')} opened={opened} onClose={onClose} onSubmit={() => write.mutate(undefined)} loading={write.isPending} formError={form.formError}>
      <Select label={t('person.position')} data={enumOptions(t, 'position')} {...form.choice('position')} allowDeselect={false} />
      <DateField label={t('common.from')} required {...form.choice('from')} />
    </FormModal>
  );
}

export function AddPostModal({ person, opened, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({ post: 'village_head' as string | null, title: '', from: todayIso() as string | null });
  const write = useWrite(
    () =>
      call(
        api.POST('/api/people/{id}/posts', {
          params: { path: { id: person.id } },
          body: formBody({ post: form.values.post, title: form.values.title.trim() || undefined, from: form.values.from }),
        }),
      ),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal title={t('person.addPost')} opened={opened} onClose={onClose} onSubmit={() => write.mutate(undefined)} loading={write.isPending} formError={form.formError}>
      <Select label={t('person.post')} data={enumOptions(t, 'post')} {...form.choice('post')} allowDeselect={false} />
      <TextInput label={t('person.postTitle')} {...form.text('title')} />
      <DateField label={t('common.from')} required {...form.choice('from')} />
    </FormModal>
  );
}

export function AddEquipmentModal({ person, opened, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({ kind: 'laptop' as string | null, issuedOn: todayIso() as string | null, note: '' });
  const write = useWrite(
    () =>
      call(
        api.POST('/api/people/{id}/equipment', {
          params: { path: { id: person.id } },
          body: formBody({ kind: form.values.kind, issuedOn: form.values.issuedOn, note: form.values.note.trim() || undefined }),
        }),
      ),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal title={t('person.addEquipment')} opened={opened} onClose={onClose} onSubmit={() => write.mutate(undefined)} loading={write.isPending} formError={form.formError}>
      <Select label={t('person.equipmentKind')} data={enumOptions(t, 'equipment')} {...form.choice('kind')} allowDeselect={false} />
      <DateField label={t('person.issuedOn')} required {...form.choice('issuedOn')} />
      <Textarea label={t('person.note')} autosize minRows={2} {...form.text('note')} />
    </FormModal>
  );
}

/** Ends a position (`/api/positions/:id/end`) or a post (`/api/posts/:id/end`). */
export function EndModal({ record, title, opened, onClose }: { record: { kind: 'position' | 'post'; id: string }; title: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ to: todayIso() as string | null });
  const write = useWrite(
    (): Promise<unknown> => {
      const init = { params: { path: { id: record.id } }, body: formBody(form.values) };
      return record.kind === 'position' ? call(api.POST('/api/positions/{id}/end', init)) : call(api.POST('/api/posts/{id}/end', init));
    },
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal title={title} opened={opened} onClose={onClose} onSubmit={() => write.mutate(undefined)} loading={write.isPending} formError={form.formError}>
      <DateField label={t('common.to')} required {...form.choice('to')} />
    </FormModal>
  );
}
