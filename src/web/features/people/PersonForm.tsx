import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, call, formBody } from '../../api/client';
import type { Person } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { enumOptions } from '../../lib/enums';
import { todayIso } from '../../lib/format';
import { type FormState, useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';

export interface PersonValues {
  fullName: string;
  birthDate: string | null;
  sex: string | null;
  ethnicity: string;
  partyCardNo: string;
  joinedOn: string | null;
  officialOn: string | null;
  cccd: string;
  phone: string;
  education: string | null;
  theoryLevel: string | null;
}

const emptyPerson: PersonValues = {
  fullName: '',
  birthDate: null,
  sex: null,
  ethnicity: '',
  partyCardNo: '',
  joinedOn: null,
  officialOn: null,
  cccd: '',
  phone: '',
  education: 'none',
  theoryLevel: 'none',
};

function valuesOf(p: Person): PersonValues {
  return {
    fullName: p.fullName,
    birthDate: p.birthDate,
    sex: p.sex,
    ethnicity: p.ethnicity ?? '',
    partyCardNo: p.partyCardNo ?? '',
    joinedOn: p.joinedOn,
    officialOn: p.officialOn,
    cccd: p.cccd ?? '',
    phone: p.phone ?? '',
    education: p.education,
    theoryLevel: p.theoryLevel,
  };
}

/** What the API expects: trimmed text, empty optional text as null. */
function toBody(v: PersonValues): Record<string, unknown> {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    fullName: v.fullName.trim().replace(/\s+/g, ' '),
    birthDate: v.birthDate,
    sex: v.sex,
    ethnicity: v.ethnicity.trim(),
    partyCardNo: v.partyCardNo.trim(),
    joinedOn: v.joinedOn,
    officialOn: v.officialOn,
    cccd: opt(v.cccd),
    phone: opt(v.phone),
    education: v.education,
    theoryLevel: v.theoryLevel,
  };
}

/** The person's fields in a modal, with what the form adds after them (the add form: since when a member). */
function PersonModal<T extends PersonValues>(props: {
  title: string;
  testId: string;
  opened: boolean;
  onClose: () => void;
  form: FormState<T>;
  write: { mutate: (v: undefined) => void; isPending: boolean };
  children?: ReactNode;
}) {
  const { form, write } = props;
  return (
    <FormModal title={props.title} opened={props.opened} onClose={props.onClose} onSubmit={() => write.mutate(undefined)} loading={write.isPending} formError={form.formError} size="lg" testId={props.testId}>
      <PersonFields form={form} />
      {props.children}
    </FormModal>
  );
}

function PersonFields<T extends PersonValues>({ form }: { form: FormState<T> }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t('person.fullName')} required {...form.text('fullName')} data-testid="person-fullName" />
      <DateField label={t('person.birthDate')} required {...form.choice('birthDate')} data-testid="person-birthDate" />
      <Select label={t('person.sex')} required data={enumOptions(t, 'sex')} {...form.choice('sex')} data-testid="person-sex" />
      <TextInput label={t('person.ethnicity')} required {...form.text('ethnicity')} data-testid="person-ethnicity" />
      <TextInput label={t('person.partyCardNo')} {...form.text('partyCardNo')} data-testid="person-partyCardNo" />
      <DateField label={t('person.joinedOn')} required {...form.choice('joinedOn')} data-testid="person-joinedOn" />
      <DateField label={t('person.officialOn')} clearable {...form.choice('officialOn')} data-testid="person-officialOn" />
      <TextInput label={t('person.cccd')} inputMode="numeric" {...form.text('cccd')} data-testid="person-cccd" />
      <TextInput label={t('person.phone')} inputMode="tel" {...form.text('phone')} data-testid="person-phone" />
      <Select label={t('person.education')} data={enumOptions(t, 'education')} {...form.choice('education')} allowDeselect={false} />
      <Select label={t('person.theoryLevel')} data={enumOptions(t, 'theoryLevel')} {...form.choice('theoryLevel')} allowDeselect={false} />
    </SimpleGrid>
  );
}

/** "Add member" on a cell page: POST /api/people. */
export function AddMemberModal({ unitId, opened, onClose }: { unitId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({ ...emptyPerson, memberSince: todayIso() as string | null });
  const write = useWrite(
    () => call(api.POST('/api/people', { body: formBody({ ...toBody(form.values), unitId, memberSince: form.values.memberSince }) })),
    {
      onSuccess: (res) => {
        onClose();
        navigate(`/people/${res.person.id}`);
      },
      onError: form.showError,
    },
  );
  return (
    <PersonModal title={t('people.addMember')} testId="add-member-modal" opened={opened} onClose={onClose} form={form} write={write}>
      <DateField label={t('person.memberSince')} required {...form.choice('memberSince')} data-testid="person-memberSince" />
    </PersonModal>
  );
}

/** PATCH /api/people/:id with only the changed fields; every field error shows at once. */
export function EditPersonModal({ person, opened, onClose }: { person: Person; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const initial = valuesOf(person);
  const form = useForm(initial);
  const write = useWrite(
    () => {
      const before = toBody(initial);
      const after = toBody(form.values);
      const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== before[k]));
      return call(api.PATCH('/api/people/{id}', { params: { path: { id: person.id } }, body: formBody(changed) }));
    },
    { onSuccess: onClose, onError: form.showError },
  );
  return <PersonModal title={t('person.edit')} testId="edit-person-modal" opened={opened} onClose={onClose} form={form} write={write} />;
}
