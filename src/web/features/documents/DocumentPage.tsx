// One document: what it is, where it sits among other documents, its file, and where it was sent for study.
import { Anchor, Badge, Button, Card, CloseButton, FileButton, Group, Modal, Progress, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { documentLinkKinds } from '../../../domain/documents';
import { addDays } from '../../../domain/supervision-values';
import { todayIso } from '../../../domain/dates';
import { ApiError, api, apiUrl, call, formBody, postForm } from '../../api/client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { UnitPicker } from '../../components/UnitPicker';
import { UploadProgress, useUploadState } from '../../components/UploadProgress';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import type { DocumentDetail, DocumentLink } from './api';
import { useReference } from './DocumentsPage';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{children}</Text>
    </div>
  );
}

/** The document's place in the tree of documents: what it implements above, what implements it below. */
function Links({ detail }: { detail: DocumentDetail }) {
  const { t } = useTranslation();
  const canEdit = detail.actions.includes('document.edit');
  const [adding, setAdding] = useState(false);
  const unlink = useWrite((toId: string) => call(api.DELETE('/api/documents/{id}/links/{toId}', { params: { path: { id: detail.document.id, toId } } })), {});
  const line = (l: DocumentLink) => {
    const direct = l.depth === 1 && ((l.direction === 'up' && l.fromId === detail.document.id) || (l.direction === 'down' && l.toId === detail.document.id));
    return (
      <Group key={`${l.direction}:${l.fromId}:${l.toId}`} gap="xs" wrap="nowrap" pl={(l.depth - 1) * 16} data-testid={`link-${l.direction}`}>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {l.direction === 'up' ? `↑ ${t(`documents.linkKinds.${l.kind}`)}` : `↓ ${t(`documents.linkKinds.${l.kind}`)}`}
        </Text>
        <Anchor component={Link} to={`/documents/${l.other.id}`} size="sm" style={{ minWidth: 0 }}>
          <b>{l.other.number}</b> {l.other.title}
        </Anchor>
        {canEdit && direct && l.direction === 'up' && (
          <CloseButton size="sm" aria-label={t('documents.removeLink')} onClick={() => unlink.mutate(l.toId)} />
        )}
      </Group>
    );
  };
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={4}>{t('documents.links')}</Title>
        {canEdit && (
          <Button size="xs" variant="default" onClick={() => setAdding(true)} data-testid="link-add">
            {t('documents.addLink')}
          </Button>
        )}
      </Group>
      <Stack gap={4} mt="xs" data-testid="document-links">
        {detail.links.length === 0 ? <Text c="dimmed">{t('documents.noLinks')}</Text> : detail.links.map(line)}
      </Stack>
      {canEdit && <LinkModal opened={adding} onClose={() => setAdding(false)} fromId={detail.document.id} />}
    </Card>
  );
}

function LinkModal({ opened, onClose, fromId }: { opened: boolean; onClose: () => void; fromId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const form = useForm<{ toId: string | null; kind: string | null }>({ toId: null, kind: 'implements' });
  const found = useQuery({
    queryKey: ['documents-pick', debounced],
    queryFn: ({ signal }) => call(api.GET('/api/documents', { params: { query: { q: debounced || undefined, limit: 20 } }, signal })),
    enabled: opened,
  });
  const save = useWrite(() => call(api.POST('/api/documents/{id}/links', { params: { path: { id: fromId } }, body: formBody(form.values) })), {
    onSuccess: () => {
      form.reset();
      onClose();
    },
    onError: form.showError,
  });
  return (
    <FormModal title={t('documents.addLink')} opened={opened} onClose={onClose} onSubmit={() => save.mutate(undefined)} loading={save.isPending} formError={form.formError} testId="link-modal">
      <Select
        label={t('documents.linkKind')}
        data={documentLinkKinds.map((k) => ({ value: k, label: t(`documents.linkKinds.${k}`) }))}
        {...form.choice('kind')}
        data-testid="link-kind"
      />
      <Select
        label={t('documents.linkTo')}
        searchable
        onSearchChange={setSearch}
        filter={({ options }) => options}
        data={(found.data?.items ?? []).filter((d) => d.id !== fromId).map((d) => ({ value: d.id, label: `${d.number} — ${d.title}` }))}
        {...form.choice('toId')}
        data-testid="link-target"
      />
    </FormModal>
  );
}

function FilePanel({ detail }: { detail: DocumentDetail }) {
  const { t } = useTranslation();
  const progress = useUploadState();
  const [error, setError] = useState<ApiError | null>(null);
  const upload = useWrite(
    (file: File) => {
      const form = new FormData();
      form.append('file', file);
      progress.begin();
      // The path with its id filled in: postForm sends to the path as given.
      return postForm(`/api/documents/${detail.document.id}/file` as never, form, { onProgress: progress.onProgress }).then(
        (answer) => (progress.done(file.name), answer),
        (err) => {
          progress.clear();
          throw err;
        },
      );
    },
    { onError: (e) => setError(e instanceof ApiError ? e : new ApiError(0, 'internal', String(e))), onSuccess: () => setError(null) },
  );
  const uploadTo = (file: File | null) => file && upload.mutate(file);
  return (
    <Card withBorder padding="sm">
      <Title order={4}>{t('documents.file')}</Title>
      <Group mt="xs" gap="sm" wrap="wrap">
        {detail.file ? (
          <Anchor href={apiUrl(`/api/documents/${detail.document.id}/file` as never)} data-testid="document-download">
            {t('documents.download')}: {detail.file.fileName} ({Math.ceil(detail.file.size / 1024).toLocaleString('vi-VN')} KB)
          </Anchor>
        ) : (
          <Text c="dimmed">{t('documents.noFile')}</Text>
        )}
        {detail.actions.includes('document.edit') && (
          <FileButton onChange={uploadTo} accept="application/pdf,.pdf,.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
            {(props) => (
              <Button {...props} size="xs" variant="default" loading={upload.isPending} data-testid="document-upload">
                {t('documents.upload')}
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      <UploadProgress state={progress.state} testId="document-upload-progress" />
      {error && <ErrorAlert error={error} />}
    </Card>
  );
}

function SendModal({ opened, onClose, documentId }: { opened: boolean; onClose: () => void; documentId: string }) {
  const { t } = useTranslation();
  const reference = useReference();
  const home = reference.data?.sendUnits ?? [];
  const [units, setUnits] = useState<{ id: string; name: string }[] | null>(null);
  const chosen = units ?? home;
  const form = useForm<{ deadline: string | null; note: string }>({ deadline: addDays(todayIso(), 14), note: '' });
  const [confirm, setConfirm] = useState<number | null>(null);
  const body = () => formBody({ unitIds: chosen.map((u) => u.id), deadline: form.values.deadline, note: form.values.note || null });
  // Asking what a send would do changes nothing: no "saved" note, no cache refresh.
  const preview = useMutation({
    mutationFn: () => call(api.POST('/api/documents/{id}/disseminations/preview', { params: { path: { id: documentId } }, body: formBody({ unitIds: chosen.map((u) => u.id) }) })),
    onSuccess: (r) => setConfirm(r.cells),
    onError: form.showError,
  });
  const send = useWrite(() => call(api.POST('/api/documents/{id}/disseminations', { params: { path: { id: documentId } }, body: body() })), {
    onSuccess: () => {
      setConfirm(null);
      setUnits(null);
      form.reset();
      onClose();
    },
    onError: (e) => {
      setConfirm(null);
      form.showError(e);
    },
  });
  return (
    <>
      <FormModal
        title={t('documents.sendTitle')}
        opened={opened && confirm === null}
        onClose={onClose}
        onSubmit={() => preview.mutate()}
        loading={preview.isPending}
        formError={form.formError}
        submitLabel={t('documents.send')}
        testId="send-modal"
      >
        <Text size="sm">{t('documents.sendUnitsHint')}</Text>
        <Stack gap={4} data-testid="send-units">
          {chosen.map((u) => (
            <Group key={u.id} gap="xs" wrap="nowrap">
              <Badge variant="light" tt="none" style={{ minWidth: 0 }}>
                {u.name}
              </Badge>
              <CloseButton size="sm" aria-label={u.name} onClick={() => setUnits(chosen.filter((x) => x.id !== u.id))} />
            </Group>
          ))}
        </Stack>
        <UnitPicker label={t('documents.sendUnits')} value={null} onChange={(_id, unit) => unit && !chosen.some((c) => c.id === unit.id) && setUnits([...chosen, unit])} error={form.errors.unitIds} data-testid="send-unit-picker" />
        <DateField label={t('documents.deadline')} required {...form.choice('deadline')} data-testid="send-deadline" />
        <Textarea label={t('documents.note')} autosize minRows={2} maxLength={2000} {...form.text('note')} />
      </FormModal>
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('documents.sendTitle')} data-testid="send-confirm">
        <Text>{t('documents.sendConfirm', { cells: (confirm ?? 0).toLocaleString('vi-VN') })}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirm(null)}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => send.mutate(undefined)} loading={send.isPending} data-testid="send-confirm-yes">
            {t('documents.send')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

function Disseminations({ detail }: { detail: DocumentDetail }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const list = useQuery({
    queryKey: ['documents-disseminations', detail.document.id],
    queryFn: ({ signal }) => call(api.GET('/api/documents/{id}/disseminations', { params: { path: { id: detail.document.id } }, signal })),
  });
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={4}>{t('documents.disseminations')}</Title>
        {detail.actions.includes('document.send') && (
          <Button size="xs" onClick={() => setSending(true)} data-testid="document-send">
            {t('documents.send')}
          </Button>
        )}
      </Group>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <Text c="dimmed" mt="xs">
              {t('documents.noDisseminations')}
            </Text>
          ) : (
            <Stack gap="xs" mt="xs">
              {items.map((d) => (
                <Card key={d.id} withBorder padding="xs" component={Link} to={`/documents/disseminations/${d.id}`} data-testid="dissemination">
                  <Text size="sm">{t('documents.sentOn', { date: formatDateVi(d.sentOn), deadline: formatDateVi(d.deadline) })}</Text>
                  <Progress value={d.cells ? (100 * d.studied) / d.cells : 0} mt={4} aria-label={t('documents.progress', { studied: d.studied, cells: d.cells })} />
                  <Text size="sm" c="dimmed">
                    {t('documents.progress', { studied: d.studied.toLocaleString('vi-VN'), cells: d.cells.toLocaleString('vi-VN') })}
                  </Text>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
      <SendModal opened={sending} onClose={() => setSending(false)} documentId={detail.document.id} />
    </Card>
  );
}

export function DocumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useQuery({ queryKey: ['document', id], queryFn: ({ signal }) => call(api.GET('/api/documents/{id}', { params: { path: { id } }, signal })) });
  return (
    <QueryState query={detail}>
      {(d) => (
        <Stack>
          <Anchor size="sm" onClick={() => navigate('/documents?tab=register')}>
            ← {t('documents.register')}
          </Anchor>
          <Group gap="xs" wrap="wrap">
            <Badge size="lg" tt="none" data-testid="document-heading-number">
              {d.document.number}
            </Badge>
            <Text c="dimmed">{formatDateVi(d.document.issuedOn)}</Text>
          </Group>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {d.document.title}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label={t('documents.signer')}>{d.document.signer}</Field>
            <Field label={t('documents.term')}>{d.document.term}</Field>
            <Field label={t('documents.owner')}>{d.document.owner}</Field>
            {(d.document.periodFrom || d.document.periodTo) && (
              <Field label={`${t('documents.periodFrom')} … ${t('documents.periodTo')}`}>
                {formatDateVi(d.document.periodFrom)} – {formatDateVi(d.document.periodTo)}
              </Field>
            )}
          </SimpleGrid>
          {d.document.summary && <Text style={{ whiteSpace: 'pre-wrap' }}>{d.document.summary}</Text>}
          <Links detail={d} />
          <FilePanel detail={d} />
          <Disseminations detail={d} />
        </Stack>
      )}
    </QueryState>
  );
}
