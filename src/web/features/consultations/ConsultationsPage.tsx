// The consultations the reader may see (newest first), and opening one for a village or a commune.
import { Anchor, Badge, Button, Card, Checkbox, Group, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateVi } from '../../../domain/dates';
import { api, call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { useNumberFormat } from '../../lib/format';
import { issueWith, stateColor, type ConsultationList } from './api';

function OpenModal({ opened, onClose, places }: { opened: boolean; onClose: () => void; places: ConsultationList['places'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useForm({ unitId: places[0]?.id ?? null, title: '', question: '', options: '', membersEligible: true, households: 0 as number | string, opensOn: null as string | null, closesOn: null as string | null });
  const save = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/consultations', {
          body: {
            unitId: form.values.unitId ?? '',
            title: form.values.title,
            question: form.values.question,
            options: form.values.options.split('\n').map((s) => s.trim()).filter(Boolean),
            membersEligible: form.values.membersEligible,
            households: Number(form.values.households) || 0,
            opensOn: form.values.opensOn ?? '',
            closesOn: form.values.closesOn ?? '',
          },
        }),
      ),
    onSuccess: async ({ id }) => {
      await client.invalidateQueries({ queryKey: ['consultations'] });
      onClose();
      navigate(`/consultations/${id}`);
    },
    onError: form.showError,
  });
  return (
    <FormModal
      title={t('consultations.new')}
      opened={opened}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      loading={save.isPending}
      formError={form.formError}
      issueText={issueWith(t)}
      testId="consultation-open-modal"
      submitTestId="consultation-open-save"
    >
      <Select label={t('consultations.unit')} data={places.map((p) => ({ value: p.id, label: p.name }))} {...form.choice('unitId')} searchable data-testid="consultation-unit" />
      <TextInput label={t('consultations.docTitle')} {...form.text('title')} data-testid="consultation-title" />
      <Textarea label={t('consultations.question')} autosize minRows={3} {...form.text('question')} data-testid="consultation-question" />
      <Textarea label={t('consultations.options')} autosize minRows={2} {...form.text('options')} data-testid="consultation-options" />
      <Checkbox label={t('consultations.membersEligible')} checked={form.values.membersEligible} onChange={(e) => form.setField('membersEligible', e.currentTarget.checked)} />
      <NumberInput label={t('consultations.households')} min={0} value={form.values.households} onChange={(v) => form.setField('households', v)} error={form.errors.households} data-testid="consultation-households" />
      <Group grow wrap="wrap">
        <DateField label={t('consultations.opensOn')} {...form.choice('opensOn')} data-testid="consultation-opens" />
        <DateField label={t('consultations.closesOn')} {...form.choice('closesOn')} data-testid="consultation-closes" />
      </Group>
    </FormModal>
  );
}

export function ConsultationsPage() {
  const { t } = useTranslation();
  const n = useNumberFormat();
  const [opening, setOpening] = useState(false);
  const list = useQuery({ queryKey: ['consultations'], queryFn: ({ signal }) => call(api.GET('/api/consultations', { signal })) });
  // The thresholds in force, for those who may read them (a member gets 404: nothing is shown).
  const thresholds = useQuery({ queryKey: ['consultation-thresholds'], queryFn: ({ signal }) => call(api.GET('/api/consultations/thresholds', { signal })), retry: false });
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('consultations.title')}</Title>
        {(list.data?.places.length ?? 0) > 0 && (
          <Button onClick={() => setOpening(true)} data-testid="consultation-new">
            {t('consultations.new')}
          </Button>
        )}
      </Group>
      {thresholds.data && (
        <Text size="sm" c="dimmed" data-testid="thresholds-current">
          {t('consultations.thresholds.current', {
            consensus: n.pct(thresholds.data.thresholds.consensus),
            majority: n.pct(thresholds.data.thresholds.majority),
            turnout: n.pct(thresholds.data.thresholds.minTurnout),
          })}{' '}
          <Anchor component={Link} to="/consultations/thresholds" underline="always" data-testid="thresholds-link">
            {t('consultations.thresholds.link')}
          </Anchor>
        </Text>
      )}
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('consultations.none')}</Text>
          ) : (
            <Stack gap="xs" data-testid="consultations-list">
              {data.items.map((c) => (
                <Card key={c.id} withBorder padding="sm" component={Link} to={`/consultations/${c.id}`} data-testid="consultation-card">
                  <Group gap="xs" wrap="wrap">
                    <Badge color={stateColor[c.state]} variant="light" c={`${stateColor[c.state]}.9`} tt="none">
                      {t(`consultations.state.${c.state}`)}
                    </Badge>
                    <Text size="sm" c="dimmed">
                      {c.unitName} · {t('consultations.window', { from: formatDateVi(c.opensOn), to: formatDateVi(c.closesOn) })}
                    </Text>
                  </Group>
                  <Text fw={500} mt={4} style={{ overflowWrap: 'anywhere' }}>
                    {c.title}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('consultations.participants', { n: n.int(c.participants), eligible: n.int(c.eligible) })}
                  </Text>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {list.data && list.data.places.length > 0 && opening && <OpenModal opened={opening} onClose={() => setOpening(false)} places={list.data.places} />}
    </Stack>
  );
}
