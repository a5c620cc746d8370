// The consensus thresholds and the minimum turnout, as data: a province admin changes them as a whole (every
// consultation's result is read again by them, so the change is confirmed first); other officers read them.
// Every problem is shown at once, on its field, in the reader's language.
import { Anchor, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call, formBody } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { SettingsForm } from '../../components/SettingsForm';
import type { Thresholds } from './api';

const fields = ['consensus', 'majority', 'minTurnout'] as const;
const RANGE_CODES = new Set(['too_big', 'too_small', 'invalid_type', 'required']);

function ThresholdsForm({ initial, editable }: { initial: Thresholds; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Record<(typeof fields)[number], number | ''>>(initial);
  useEffect(() => setValues(initial), [initial]);
  return (
    <SettingsForm
      editable={editable}
      readOnlyText={t('consultations.thresholds.readOnly')}
      saveLabel={t('consultations.thresholds.save')}
      save={() => call(api.PUT('/api/consultations/thresholds', { body: formBody(values) }))}
      issueText={(f) => (f.code && RANGE_CODES.has(f.code) ? t('consultations.thresholds.range') : t(`fieldErrors.${f.code}`, { defaultValue: f.message }))}
      confirm={{ title: t('consultations.thresholds.confirmTitle'), body: t('consultations.thresholds.confirm') }}
      testId="thresholds"
    >
      {(errors) =>
        fields.map((f) => (
          <NumberInput
            key={f}
            label={t(`consultations.thresholds.${f}`)}
            description={t(`consultations.thresholds.${f}Hint`)}
            value={values[f]}
            onChange={(v) => setValues({ ...values, [f]: typeof v === 'number' ? v : '' })}
            error={errors[f]}
            disabled={!editable}
            decimalScale={1}
            decimalSeparator={i18n.language === 'en' ? '.' : ','}
            suffix=" %"
            hideControls
            maw={220}
            data-testid={`threshold-${f}`}
          />
        ))
      }
    </SettingsForm>
  );
}

export function ThresholdsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['consultation-thresholds'], queryFn: ({ signal }) => call(api.GET('/api/consultations/thresholds', { signal })) });
  return (
    <Stack>
      <Anchor component={Link} to="/consultations" size="sm">
        ← {t('consultations.title')}
      </Anchor>
      <Title order={2}>{t('consultations.thresholds.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('consultations.thresholds.intro')}
      </Text>
      <Paper withBorder p="sm">
        <QueryState query={q}>{(d) => <ThresholdsForm initial={d.thresholds} editable={d.editable} />}</QueryState>
      </Paper>
    </Stack>
  );
}
