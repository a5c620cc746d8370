// The channel's rules as data: deadlines per category (warning thresholds: the warnings page's settings). A province admin edits them; every
// other officer reads them. All problems are shown at once, on their fields.
import { NumberInput, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportCategories } from '../../../domain/supervision-values';
import { api, call, formBody } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { SettingsForm } from '../../components/SettingsForm';
import type { RuleSet } from './api';

const dayKeys = ['acknowledgeDays', 'concludeDays', 'extensionDays'] as const;

function RulesForm({ initial, editable }: { initial: RuleSet; editable: boolean }) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<RuleSet>(initial);
  useEffect(() => setRules(initial), [initial]);
  const num = (errors: Record<string, string>, path: string, value: number, onChange: (n: number) => void) => (
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
    <SettingsForm
      editable={editable}
      readOnlyText={t('supervision.rules.readOnly')}
      saveLabel={t('supervision.rules.save')}
      save={() => call(api.PUT('/api/supervision/rules', { body: formBody(rules) }))}
      issueText={(f) => (f.code ? t(`supervision.issues.${f.code}`, { defaultValue: f.message }) : f.message)}
      testId="rules"
    >
      {(errors) => (
        <>
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
                        {num(errors, `deadlines.${c}.${k}`, rules.deadlines[c][k], (n) => setRules({ ...rules, deadlines: { ...rules.deadlines, [c]: { ...rules.deadlines[c], [k]: n } } }))}
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
        </>
      )}
    </SettingsForm>
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
