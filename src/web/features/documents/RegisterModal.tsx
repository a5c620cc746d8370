// Registering a document: the form proposes the next number of the type in the issuer's term and the server
// refuses a number already taken.
import { NumberInput, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isIsoDate } from '../../../domain/dates';
import { api, call, formBody } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import { useReference } from './DocumentsPage';

interface Values {
  typeCode: string | null;
  issuerCode: string | null;
  issuedOn: string | null;
  number: number | '';
  title: string;
  signer: string;
  summary: string;
  periodFrom: string | null;
  periodTo: string | null;
}

const empty: Values = { typeCode: null, issuerCode: 'TU', issuedOn: null, number: '', title: '', signer: '', summary: '', periodFrom: null, periodTo: null };

export function RegisterModal({ opened, onClose, unit }: { opened: boolean; onClose: () => void; unit: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const reference = useReference();
  const form = useForm<Values>(empty);
  const v = form.values;
  const ready = !!v.typeCode && !!v.issuerCode && !!v.issuedOn && isIsoDate(v.issuedOn);
  const proposed = useQuery({
    queryKey: ['documents-next', v.issuerCode, v.typeCode, v.issuedOn],
    queryFn: ({ signal }) => call(api.GET('/api/documents/next-number', { params: { query: { issuerCode: v.issuerCode!, typeCode: v.typeCode!, issuedOn: v.issuedOn! } }, signal })),
    enabled: opened && ready,
    retry: false,
  });
  const save = useWrite(
    () =>
      call(
        api.POST('/api/documents', {
          body: formBody({ ...v, unitId: unit.id, number: v.number === '' ? undefined : v.number, periodFrom: v.periodFrom || null, periodTo: v.periodTo || null }),
        }),
      ),
    {
      onSuccess: (created) => {
        form.reset();
        onClose();
        navigate(`/documents/${created.id}`);
      },
      onError: form.showError,
    },
  );
  return (
    <FormModal title={`${t('documents.new')} — ${unit.name}`} opened={opened} onClose={onClose} onSubmit={() => save.mutate(undefined)} loading={save.isPending} formError={form.formError} size="lg" testId="document-register">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('documents.type')}
          required
          data={(reference.data?.types ?? []).map((x) => ({ value: x.code, label: `${x.code} — ${i18n.language === 'en' ? x.nameEn : x.nameVi}` }))}
          {...form.choice('typeCode')}
          data-testid="document-type"
        />
        <Select
          label={t('documents.issuer')}
          required
          data={(reference.data?.issuers ?? []).map((x) => ({ value: x.code, label: `${x.code} — ${x.name}` }))}
          {...form.choice('issuerCode')}
          data-testid="document-issuer"
        />
        <DateField label={t('documents.issuedOn')} required {...form.choice('issuedOn')} data-testid="document-issued-on" />
        <NumberInput
          label={t('documents.number')}
          placeholder={t('documents.numberAuto')}
          min={1}
          max={9999}
          allowDecimal={false}
          value={v.number}
          onChange={(n) => form.setField('number', typeof n === 'number' ? n : '')}
          error={form.errors.number}
          description={proposed.data ? t('documents.numberHint', { term: proposed.data.term, formatted: proposed.data.formatted }) : undefined}
          data-testid="document-number-input"
        />
      </SimpleGrid>
      {proposed.error && <Text size="sm" c="red.8">{t('fieldErrors.document_no_term')}</Text>}
      <TextInput label={t('documents.docTitle')} required {...form.text('title')} data-testid="document-title" />
      <TextInput label={t('documents.signer')} required {...form.text('signer')} data-testid="document-signer" />
      <Textarea label={t('documents.summary')} autosize minRows={2} maxRows={8} maxLength={10_000} {...form.text('summary')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label={t('documents.periodFrom')} clearable {...form.choice('periodFrom')} />
        <DateField label={t('documents.periodTo')} clearable {...form.choice('periodTo')} />
      </SimpleGrid>
    </FormModal>
  );
}
