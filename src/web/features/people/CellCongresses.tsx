// A cell's congresses and its secretaries and deputies over time, with dates (issue 16); officers record a congress
// (its day, term, and those elected from the cell's members on that day).
import { Badge, Button, Group, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { useFieldIssueText } from '../../components/ErrorAlert';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { useWrite } from '../../lib/mutation';
import { usePeople } from './PeopleList';

/** One of those elected, picked from the cell's members on the congress day; the deputy may be left empty. */
function MemberPicker({
  optional = false,
  testId,
  ...select
}: {
  label: string;
  description?: string;
  placeholder?: string;
  options: { value: string; label: string }[];
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  optional?: boolean;
  testId: string;
}) {
  const { options, ...rest } = select;
  return <Select {...rest} data={options} searchable required={!optional} clearable={optional} data-testid={testId} />;
}

function RecordCongressModal({ cellId, onClose }: { cellId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const issueText = useFieldIssueText();
  const [heldOn, setHeldOn] = useState<string | null>(null);
  const [termFrom, setTermFrom] = useState<number | string>(2020);
  const [termTo, setTermTo] = useState<number | string>(2025);
  const [secretaryId, setSecretaryId] = useState<string | null>(null);
  const [deputyId, setDeputyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A refused field says why under itself (the alert below lists them all): the form the alert calls "marked".
  const fieldError = (path: string) => {
    const issue = error instanceof ApiError ? error.fields.find((f) => f.path === path) : undefined;
    return issue ? issueText(issue, false) : undefined;
  };
  // The members of the cell on the congress day (today until a day is chosen).
  const people = usePeople({ unitId: cellId, status: 'active', date: heldOn }, 200);
  const options = (people.data?.pages.flatMap((p) => p.items) ?? []).map((p) => ({ value: p.id, label: p.fullName }));
  const save = useWrite(
    () =>
      call(
        api.POST('/api/cells/{id}/congresses', {
          params: { path: { id: cellId } },
          body: { heldOn: heldOn ?? '', termFrom: Number(termFrom), termTo: Number(termTo), secretaryId: secretaryId ?? '', deputyId },
        }),
      ),
    { onSuccess: onClose, onError: setError },
  );
  return (
    <FormModal
      title={t('people.congress.recordTitle')}
      opened
      onClose={onClose}
      onSubmit={() => (setError(null), save.mutate(undefined))}
      loading={save.isPending}
      formError={error}
      issueText={(f) => issueText(f)}
      testId="congress-modal"
      submitTestId="congress-submit"
    >
      <DateField label={t('fields.heldOn')} value={heldOn} onChange={setHeldOn} required error={fieldError('heldOn')} data-testid="congress-held-on" />
      <Group grow gap="xs">
        <NumberInput label={t('fields.termFrom')} value={termFrom} onChange={setTermFrom} min={1930} max={2100} error={fieldError('termFrom')} data-testid="congress-term-from" />
        <NumberInput label={t('fields.termTo')} value={termTo} onChange={setTermTo} min={1930} max={2100} error={fieldError('termTo')} data-testid="congress-term-to" />
      </Group>
      <MemberPicker label={t('fields.secretaryId')} description={t('people.congress.pickMember')} options={options} value={secretaryId} onChange={setSecretaryId} error={fieldError('secretaryId')} testId="congress-secretary" />
      <MemberPicker label={t('fields.deputyId')} placeholder={t('people.congress.noDeputy')} options={options} value={deputyId} onChange={setDeputyId} error={fieldError('deputyId')} optional testId="congress-deputy" />
    </FormModal>
  );
}

export function CellCongresses({ cellId, canRecord }: { cellId: string; canRecord: boolean }) {
  const { t } = useTranslation();
  const [recording, setRecording] = useState(false);
  const query = useQuery({
    queryKey: ['cell-congresses', cellId],
    queryFn: ({ signal }) => call(api.GET('/api/cells/{id}/congresses', { params: { path: { id: cellId } }, signal })),
  });
  return (
    <Paper withBorder p="sm" data-testid="cell-congresses">
      <Group justify="space-between" gap="xs" mb="xs">
        <Title order={4}>{t('people.congress.title')}</Title>
        {canRecord && (
          <Button size="xs" variant="light" onClick={() => setRecording(true)} data-testid="congress-record">
            {t('people.congress.record')}
          </Button>
        )}
      </Group>
      <QueryState query={query}>
        {(d) => (
          <Stack gap="xs">
            {d.congresses.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('people.congress.none')}
              </Text>
            )}
            {d.congresses.map((c) => (
              <div key={c.id} data-testid="congress-row">
                <Text size="sm" fw={600}>
                  {t('people.congress.held', { date: formatDate(c.heldOn), from: String(c.termFrom), to: String(c.termTo) })}
                </Text>
                <Text size="sm">
                  {c.deputy
                    ? t('people.congress.electedWithDeputy', { secretary: c.secretary.fullName, deputy: c.deputy.fullName })
                    : t('people.congress.elected', { secretary: c.secretary.fullName })}
                </Text>
              </div>
            ))}
            {d.terms.length > 0 && (
              <>
                <Text size="sm" fw={600} mt="xs">
                  {t('people.congress.terms')}
                </Text>
                {d.terms.map((term) => (
                  <Group key={term.id} gap={6} wrap="wrap" data-testid="secretary-term">
                    <Text size="sm">
                      {t(`enums.position.${term.position}`)}: <b>{term.person.fullName}</b>,{' '}
                      {t('people.congress.term', { from: formatDate(term.validFrom), to: term.validTo ? formatDate(term.validTo) : t('people.congress.now') })}
                    </Text>
                    <Badge size="xs" variant="light" color={term.elected ? 'green' : 'gray'}>
                      {term.elected ? t('people.congress.atCongress') : t('people.congress.between')}
                    </Badge>
                  </Group>
                ))}
              </>
            )}
          </Stack>
        )}
      </QueryState>
      {recording && <RecordCongressModal cellId={cellId} onClose={() => setRecording(false)} />}
    </Paper>
  );
}
