// What the reader's cell must study, with the deadline and the one action: record that it was studied.
import { Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateVi, todayIso } from '../../../domain/dates';
import { api, call, formBody } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import { stateBadge, type StudyItem } from './api';

/** Records that a cell studied a document (by its secretary, or an officer for it). */
export function StudyModal({ target, onClose }: { target: { disseminationId: string; cellId: string; number: string; cell: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ studiedOn: string | null; report: string }>({ studiedOn: todayIso(), report: '' });
  const save = useWrite(
    () =>
      call(
        api.PUT('/api/disseminations/{id}/cells/{cellId}', {
          params: { path: { id: target!.disseminationId, cellId: target!.cellId } },
          body: formBody({ studiedOn: form.values.studiedOn, report: form.values.report || null }),
        }),
      ),
    {
      onSuccess: () => {
        form.reset();
        onClose();
      },
      onError: form.showError,
    },
  );
  return (
    <FormModal
      title={target ? `${t('documents.study.title', { number: target.number })} — ${target.cell}` : ''}
      opened={target !== null}
      onClose={onClose}
      onSubmit={() => save.mutate(undefined)}
      loading={save.isPending}
      formError={form.formError}
      submitLabel={t('documents.study.record')}
      testId="study-modal"
    >
      <DateField label={t('documents.study.studiedOn')} required {...form.choice('studiedOn')} data-testid="study-date" />
      <Textarea label={t('documents.study.report')} autosize minRows={3} maxRows={10} maxLength={5000} {...form.text('report')} data-testid="study-report" />
      <Text size="xs" c="dimmed">
        {form.values.report.length.toLocaleString('vi-VN')}/5.000
      </Text>
    </FormModal>
  );
}

function StudyCard({ item, onRecord }: { item: StudyItem; onRecord: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="study-item">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Badge tt="none" variant="filled" component={Link} to={`/documents/${item.documentId}`} style={{ cursor: 'pointer' }}>
            {item.number}
          </Badge>
          <Badge {...stateBadge(item.state)} data-testid="study-state">
            {t(`documents.state.${item.state}`)}
          </Badge>
        </Group>
        <Text size="sm">{item.studiedOn ? t('documents.study.studiedOnDate', { date: formatDateVi(item.studiedOn) }) : t('documents.study.deadline', { date: formatDateVi(item.deadline) })}</Text>
      </Group>
      <Text fw={500} mt={4}>
        {item.title}
      </Text>
      <Text size="sm" c="dimmed">
        {item.cell}
        {item.commune ? ` — ${item.commune}` : ''}
      </Text>
      {item.remindedOn && !item.studiedOn && (
        <Text size="sm" c="red.8">
          {t('documents.study.reminded', { date: formatDateVi(item.remindedOn) })}
        </Text>
      )}
      {item.report && <Text size="sm" mt={4}>{item.report}</Text>}
      {item.canRecord && (
        <Button mt="xs" size="sm" variant={item.studiedOn ? 'default' : 'filled'} onClick={onRecord} data-testid="study-record" fullWidth={false}>
          {item.studiedOn ? t('documents.study.edit') : t('documents.study.record')}
        </Button>
      )}
    </Card>
  );
}

export function StudyList() {
  const { t } = useTranslation();
  const [target, setTarget] = useState<StudyItem | null>(null);
  const list = useQuery({ queryKey: ['documents-to-study'], queryFn: ({ signal }) => call(api.GET('/api/documents/to-study', { signal })) });
  return (
    <>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed">{t('documents.study.noneToStudy')}</Text>
          ) : (
            <Stack gap="xs" data-testid="study-list">
              {items.map((item) => (
                <StudyCard key={`${item.disseminationId}:${item.cellId}`} item={item} onRecord={() => setTarget(item)} />
              ))}
            </Stack>
          )
        }
      </QueryState>
      <StudyModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
