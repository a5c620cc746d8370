// The early-warning page: the list for a day (in the URL with its tab and filter, so links and Back work), each
// warning read as sentences from its parameters, the communes ranked, the changes since a week before, and the
// province's settings. What the user may do comes with each warning (`actions`).
import { Anchor, Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call, type Answer } from '../../api/client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { PageTabs } from '../../components/PageTabs';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { formatDate, todayIso } from '../../lib/format';
import { useWrite } from '../../lib/mutation';
import { useSession } from '../../lib/session';

type List = Answer<'/api/warnings', 'get'>;
type Warning = List['items'][number];
type Settings = Answer<'/api/warnings/settings', 'get'>;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An evidence's reference as shown: a case's number as is, a day as dd/mm/yyyy. */
const refText = (ref: string) => (ISO_DAY.test(ref) ? formatDate(ref) : ref);

/** A signal's sentence parameters as the sentence shows them: days as dd/mm/yyyy, numbers in the reader's locale. */
function useParams() {
  const { i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'vi-VN');
  return (params: Record<string, string | number | boolean>) =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? nf.format(v) : typeof v === 'string' && ISO_DAY.test(v) ? formatDate(v) : v]));
}

function WarningCard({ w }: { w: Warning }) {
  const { t } = useTranslation();
  const format = useParams();
  const [open, setOpen] = useState<null | 'followUp' | 'note' | 'close'>(null);
  const subject = { params: { path: { kind: w.kind, id: w.kind === 'person' && w.person ? w.person.id : w.cell.id } } };
  const [ackError, setAckError] = useState<unknown>(null);
  const acknowledge = useWrite(() => call(api.POST('/api/warnings/{kind}/{id}/acknowledge', subject)), { onError: setAckError });
  const may = w.actions.includes('warning.work') && w.status !== 'closed';
  const title = w.person ? t('warnings.personOf', { name: w.person.name, cell: w.cell.name }) : w.cell.name;
  return (
    <Card withBorder padding="sm" data-testid="warning" data-key={w.key}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <div style={{ minWidth: 0 }}>
            <Text fw={700} data-testid="warning-title">
              {title}
            </Text>
            <Text size="sm" c="dimmed" data-testid="warning-commune">
              {w.commune.name}
            </Text>
          </div>
          <Group gap={4} wrap="wrap">
            <Badge color={w.status === 'closed' ? 'gray' : w.status === 'acknowledged' ? 'blue' : 'red'} data-testid="warning-status">
              {t(`warnings.status.${w.status}`)}
            </Badge>
            {w.reopened ? <Badge color="orange">{t('warnings.reopened')}</Badge> : null}
            {w.change !== 'steady' ? <Badge variant="light">{t(`warnings.change.${w.change}`)}</Badge> : null}
            {w.escalated ? <Badge color="grape">{t('warnings.escalated')}</Badge> : null}
          </Group>
        </Group>
        <Text size="sm">{t('warnings.standsSince', { date: formatDate(w.since) })}</Text>
        {w.signals.map((s) => (
          <div key={`${s.key}:${s.part ?? ''}`} data-testid="warning-signal" data-signal={s.key}>
            <Text size="sm" fw={600}>
              {t(s.label)}
            </Text>
            <Text size="sm" data-testid="warning-sentence">
              {t(`${s.label}Sentence`, format(s.params))}
            </Text>
            {s.evidence.length ? (
              <Group gap={6} wrap="wrap">
                <Text size="xs" c="dimmed">
                  {t('warnings.evidence')}:
                </Text>
                {s.evidence.map((e) =>
                  e.href ? (
                    <Anchor key={e.id} component={Link} to={e.href} size="xs" aria-label={t('warnings.evidenceLabel', { ref: refText(e.ref), date: formatDate(e.on) })}>
                      {refText(e.ref)}
                    </Anchor>
                  ) : (
                    <Text key={e.id} size="xs">
                      {refText(e.ref)}
                    </Text>
                  ),
                )}
              </Group>
            ) : null}
          </div>
        ))}
        {w.acknowledgedOn ? <Text size="xs">{t('warnings.acknowledgedOn', { date: formatDate(w.acknowledgedOn) })}</Text> : null}
        {w.followUp ? (
          <Text size="sm" data-testid="warning-follow-up">
            {t('warnings.followUpLine', { name: w.followUp.name, date: formatDate(w.followUp.by) })}
          </Text>
        ) : null}
        {w.closeReason ? <Text size="sm">{t('warnings.closedLine', { date: formatDate(w.closedOn), reason: w.closeReason })}</Text> : null}
        {w.notes.map((n) => (
          <Text key={n.seq} size="xs" c="dimmed">
            {formatDate(n.on)} · {n.byName}: {n.body}
          </Text>
        ))}
        {ackError ? <ErrorAlert error={ackError} /> : null}
        {may ? (
          <Group gap="xs" wrap="wrap">
            {w.status === 'open' ? (
              <Button size="xs" onClick={() => acknowledge.mutate(undefined)} loading={acknowledge.isPending} data-testid="warning-acknowledge">
                {t('warnings.acknowledge')}
              </Button>
            ) : null}
            <Button size="xs" variant="light" onClick={() => setOpen('followUp')} data-testid="warning-follow-up-open">
              {t('warnings.followUp')}
            </Button>
            <Button size="xs" variant="light" onClick={() => setOpen('note')} data-testid="warning-note-open">
              {t('warnings.note')}
            </Button>
            <Button size="xs" variant="light" color="gray" onClick={() => setOpen('close')} data-testid="warning-close-open">
              {t('warnings.close')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {open === 'followUp' ? <FollowUpModal subject={subject} onClose={() => setOpen(null)} /> : null}
      {open === 'note' ? <TextModal kind="note" subject={subject} onClose={() => setOpen(null)} /> : null}
      {open === 'close' ? <TextModal kind="close" subject={subject} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

type Subject = { params: { path: { kind: 'cell' | 'person'; id: string } } };

function FollowUpModal({ subject, onClose }: { subject: Subject; onClose: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  // Who may be given it: the officers of the warning's branch who may work it (the server's list, scoped there).
  const assignees = useQuery({
    queryKey: ['warnings', 'assignees', subject.params.path.kind, subject.params.path.id],
    queryFn: () => call(api.GET('/api/warnings/{kind}/{id}/assignees', subject)),
  });
  const offered = assignees.data?.items ?? [];
  const form = useForm<{ assigneeUserId: string | null; by: string | null; note: string }>({ assigneeUserId: null, by: null, note: '' });
  // The reader first, when offered: most follow-ups are taken by whoever reads the warning.
  const chosen = form.values.assigneeUserId ?? (offered.some((a) => a.id === me.id) ? me.id : null);
  const save = useWrite(
    () =>
      call(api.POST('/api/warnings/{kind}/{id}/follow-up', { ...subject, body: { assigneeUserId: chosen ?? '', by: form.values.by ?? '', note: form.values.note || undefined } })),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal title={t('warnings.followUpTitle')} opened onClose={onClose} onSubmit={() => save.mutate(undefined)} loading={save.isPending} formError={form.formError} testId="follow-up-modal">
      <QueryState query={assignees}>
        {() => (
          <Select
            label={t('warnings.followUpWho')}
            placeholder={t('warnings.followUpWhoPlaceholder')}
            nothingFoundMessage={t('warnings.followUpNobody')}
            data={offered.map((a) => ({ value: a.id, label: a.id === me.id ? t('warnings.followUpMe', { name: a.name, username: a.username }) : `${a.name} (${a.username})` }))}
            value={chosen}
            onChange={(v) => form.setField('assigneeUserId', v)}
            error={form.errors.assigneeUserId}
            searchable
            required
            comboboxProps={{ withinPortal: true }}
            data-testid="follow-up-assignee"
          />
        )}
      </QueryState>
      <DateField label={t('warnings.followUpBy')} value={form.values.by} onChange={(v) => form.setField('by', v)} error={form.errors.by} required data-testid="follow-up-by" />
      <Textarea label={t('warnings.noteLabel')} value={form.values.note} onChange={(e) => form.setField('note', e.currentTarget.value)} error={form.errors.note} autosize minRows={2} />
    </FormModal>
  );
}

function TextModal({ kind, subject, onClose }: { kind: 'note' | 'close'; subject: Subject; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ text: string }>({ text: '' });
  const save = useWrite(
    (): Promise<unknown> =>
      kind === 'note'
        ? call(api.POST('/api/warnings/{kind}/{id}/notes', { ...subject, body: { body: form.values.text } }))
        : call(api.POST('/api/warnings/{kind}/{id}/close', { ...subject, body: { reason: form.values.text } })),
    { onSuccess: onClose, onError: form.showError },
  );
  return (
    <FormModal
      title={t(kind === 'note' ? 'warnings.noteTitle' : 'warnings.closeTitle')}
      opened
      onClose={onClose}
      onSubmit={() => save.mutate(undefined)}
      loading={save.isPending}
      formError={form.formError}
      danger={kind === 'close'}
      submitLabel={t(kind === 'note' ? 'warnings.note' : 'warnings.close')}
      testId={`${kind}-modal`}
    >
      <Textarea
        label={t(kind === 'note' ? 'warnings.noteLabel' : 'warnings.closeReason')}
        value={form.values.text}
        onChange={(e) => form.setField('text', e.currentTarget.value)}
        error={form.errors[kind === 'note' ? 'body' : 'reason']}
        autosize
        minRows={2}
        required
        data-testid={`${kind}-text`}
      />
    </FormModal>
  );
}

function ListTab({ data }: { data: List }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const items = data.items.filter((w) => status === 'all' || w.status === status);
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={status}
        onChange={(v) => setParams((p) => new URLSearchParams({ ...Object.fromEntries(p), status: v }))}
        data={['open', 'acknowledged', 'closed', 'all'].map((v) => ({ value: v, label: t(`warnings.filter.${v}`) }))}
        data-testid="warning-filter"
        style={{ maxWidth: '100%', overflowX: 'auto' }}
      />
      {items.length === 0 ? <Text c="dimmed">{t('warnings.none')}</Text> : items.map((w) => <WarningCard key={w.key} w={w} />)}
    </Stack>
  );
}

function CommunesTab({ data }: { data: List }) {
  const { t } = useTranslation();
  if (!data.communes.length) return <Text c="dimmed">{t('warnings.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={0}>
      <Table data-testid="warning-communes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('warnings.communes.name')}</Table.Th>
            <Table.Th>{t('warnings.communes.flagged')}</Table.Th>
            <Table.Th>{t('warnings.communes.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.communes.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm">{c.name}</Text>
                {c.flagged ? (
                  <>
                    <Text size="xs" c="red" fw={700}>
                      {t('warnings.communes.warning')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('warnings.communes.warningFrom', { threshold: c.threshold })}
                    </Text>
                  </>
                ) : null}
              </Table.Td>
              <Table.Td>{t('warnings.communes.cells', { flagged: c.flaggedCells, cells: c.cells })}</Table.Td>
              <Table.Td>{c.sharePercent}%</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ChangesTab({ data }: { data: List }) {
  const { t } = useTranslation();
  const group = (change: 'new' | 'rising') => data.items.filter((w) => w.change === change);
  const name = (w: { cell: { name: string }; person?: { name: string } | null }) => (w.person ? t('warnings.personOf', { name: w.person.name, cell: w.cell.name }) : w.cell.name);
  return (
    <Stack gap="sm" data-testid="warning-changes">
      <Text size="sm">{t('warnings.changesSince', { date: formatDate(data.since) })}</Text>
      {(['new', 'rising'] as const).map((c) => (
        <div key={c}>
          <Text fw={600}>{t(`warnings.change.${c}`)}</Text>
          {group(c).length ? group(c).map((w) => <Text key={w.key} size="sm">{name(w)} — {w.commune.name}</Text>) : <Text size="sm" c="dimmed">—</Text>}
        </div>
      ))}
      <div>
        <Text fw={600}>{t('warnings.change.cleared')}</Text>
        {data.cleared.length ? data.cleared.map((w) => <Text key={w.key} size="sm">{w.cell.name}</Text>) : <Text size="sm" c="dimmed">—</Text>}
      </div>
    </Stack>
  );
}

function SettingsTab() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['warning-settings'], queryFn: ({ signal }) => call(api.GET('/api/warnings/settings', { signal })) });
  return <QueryState query={settings}>{(s) => <SettingsForm settings={s} />}</QueryState>;
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const [signals, setSignals] = useState(settings.signals.map(({ key, threshold, windowDays, enabled }) => ({ key, threshold, windowDays, enabled })));
  const [share, setShare] = useState(settings.communeShare);
  const [confirm, setConfirm] = useState(false);
  const form = useForm<object>({});
  const save = useWrite(() => call(api.PUT('/api/warnings/settings', { body: { signals, communeShare: share } })), {
    onSuccess: () => setConfirm(false),
    onError: (e) => {
      setConfirm(false);
      form.showError(e);
    },
  });
  const set = (i: number, patch: Partial<(typeof signals)[number]>) => setSignals(signals.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const issue = (i: number, field: string) => form.errors[`signals.${i}.${field}`];
  return (
    <Stack gap="sm" data-testid="warning-settings">
      {settings.signals.map((s, i) => (
        <Card key={s.key} withBorder padding="sm">
          <Text fw={600}>{t(s.label)}</Text>
          <Text size="xs" c="dimmed">
            {s.windowUsed ? t('warnings.settings.default', { threshold: s.defaults.threshold, unit: t(`warnings.units.${s.unit}`), windowDays: s.defaults.windowDays }) : t('warnings.settings.defaultNoWindow', { threshold: s.defaults.threshold, unit: t(`warnings.units.${s.unit}`) })}
          </Text>
          <Group gap="sm" wrap="wrap" align="flex-start">
            <NumberInput label={t('warnings.settings.threshold')} description={t('warnings.settings.unit', { unit: t(`warnings.units.${s.unit}`) })} value={signals[i].threshold} onChange={(v) => set(i, { threshold: Number(v) })} disabled={!settings.editable} error={issue(i, 'threshold')} w={140} allowDecimal={false} data-testid={`setting-threshold-${s.key}`} />
            {s.windowUsed ? (
              <NumberInput label={t('warnings.settings.window')} description={t('warnings.settings.unit', { unit: t('warnings.units.days') })} value={signals[i].windowDays} onChange={(v) => set(i, { windowDays: Number(v) })} disabled={!settings.editable} error={issue(i, 'windowDays')} w={140} allowDecimal={false} data-testid={`setting-window-${s.key}`} />
            ) : null}
            <Switch label={t('warnings.settings.enabled')} checked={signals[i].enabled} onChange={(e) => set(i, { enabled: e.currentTarget.checked })} disabled={!settings.editable} />
          </Group>
        </Card>
      ))}
      <NumberInput label={t('warnings.settings.communeShare')} value={share} onChange={(v) => setShare(Number(v))} disabled={!settings.editable} error={form.errors.communeShare} w={220} allowDecimal={false} />
      {form.formError ? <ErrorAlert error={form.formError} /> : null}
      {settings.editable ? (
        <Group>
          <Button onClick={() => setConfirm(true)} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('warnings.settings.readOnly')}
        </Text>
      )}
      <FormModal title={t('warnings.settings.confirmTitle')} opened={confirm} onClose={() => setConfirm(false)} onSubmit={() => save.mutate(undefined)} loading={save.isPending} formError={null}>
        <Text size="sm">{t('warnings.settings.confirm')}</Text>
      </FormModal>
    </Stack>
  );
}

export function WarningsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? todayIso();
  const list = useQuery({
    queryKey: ['warnings', date],
    queryFn: ({ signal }) => call(api.GET('/api/warnings', { params: { query: params.get('date') ? { date } : {} }, signal })),
  });
  const setDate = (v: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (v && v !== todayIso()) next.set('date', v);
      else next.delete('date');
      return next;
    });
  const withList = (render: (d: List) => React.ReactNode) => <QueryState query={list}>{render}</QueryState>;
  return (
    <Stack>
      <Title order={2}>{t('warnings.title')}</Title>
      <DateField label={t('warnings.date')} value={date} onChange={setDate} w={200} data-testid="warning-date" />
      <PageTabs
        inUrl
        initial="list"
        tabs={[
          { value: 'list', label: t('warnings.tabs.list'), testId: 'tab-list', panel: withList((d) => <ListTab data={d} />) },
          { value: 'communes', label: t('warnings.tabs.communes'), testId: 'tab-communes', panel: withList((d) => <CommunesTab data={d} />) },
          { value: 'changes', label: t('warnings.tabs.changes'), testId: 'tab-changes', panel: withList((d) => <ChangesTab data={d} />) },
          { value: 'settings', label: t('warnings.tabs.settings'), testId: 'tab-settings', panel: <SettingsTab /> },
        ]}
      />
    </Stack>
  );
}
