// The channel's rules as data: deadlines per category (warning thresholds: the warnings page's settings). A province admin edits them; every
// other officer reads them. All problems are shown at once, on their fields.
import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportCategories } from '../../../domain/supervision-values';
import { api, call, formBody, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useWrite } from '../../lib/mutation';
import type { RuleSet } from './api';

const dayKeys = ['acknowledgeDays', 'concludeDays', 'extensionDays'] as const;

function RulesForm({ initial, editable }: { initial: RuleSet; editable: boolean }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<RuleSet>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<unknown>(null);
  useEffect(() => setRules(initial), [initial]);
  const save = useWrite(() => call(api.PUT('/api/supervision/rules', { body: formBody(rules) })), {
    onSuccess: () => setErrors({}),
    onError: (err) => {
      if (err instanceof ApiError && err.fields.length) {
        setErrors(Object.fromEntries(err.fields.map((f) => [f.path, f.code ? t(`supervision.issues.${f.code}`, { defaultValue: f.message }) : f.message])));
        setOther(null);
      } else setOther(err);
    },
  });
  const num = (path: string, value: number, onChange: (n: number) => void) => (
    <NumberInput
      value={value}
      onChange={(v) => onChange(typeof v === 'number' ? v : Number.NaN)}
      error={errors[path]}
      disabled={!editable}
      min={0}
      allowDecimal={false}
      hideControls
      w={{ base: 52, xs: 90 }}
      aria-label={path}
      data-testid={`rule-${path}`}
    />
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        save.mutate(undefined);
      }}
    >
      <Stack>
        {!editable && <Alert color="gray">{t('supervision.rules.readOnly')}</Alert>}
        <Text fw={600}>{t('supervision.rules.deadlines')}</Text>
        <Table.ScrollContainer minWidth={0}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {dayKeys.map((k) => (
                  <Table.Th key={k}>
                    <Text size="xs">{t(`supervision.rules.${k}`)}</Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reportCategories.map((c) => (
                <Table.Tr key={c}>
                  <Table.Td>
                    <Text size="sm">{t(`supervision.category.${c}`)}</Text>
                  </Table.Td>
                  {dayKeys.map((k) => (
                    <Table.Td key={k}>
                      {num(`deadlines.${c}.${k}`, rules.deadlines[c][k], (n) => setRules({ ...rules, deadlines: { ...rules.deadlines, [c]: { ...rules.deadlines[c], [k]: n } } }))}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {t('supervision.rules.note')}
        </Text>
        {other != null && <ErrorAlert error={other} />}
        {editable && (
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="rules-save">
              {t('supervision.rules.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

export function RulesPanel() {
  const rules = useQuery({ queryKey: ['supervision-rules'], queryFn: ({ signal }) => call(api.GET('/api/supervision/rules', { signal })) });
  return (
    <Paper withBorder p="sm">
      <QueryState query={rules}>{(d) => <RulesForm initial={d.rules} editable={d.editable} />}</QueryState>
    </Paper>
  );
}
