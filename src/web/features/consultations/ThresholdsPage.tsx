// The consensus thresholds and the minimum turnout, as data: a province admin changes them as a whole (every
// consultation's result is read again by them, so the change is confirmed first); other officers read them.
// Every problem is shown at once, on its field, in the reader's language.
import { Alert, Anchor, Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError, call, formBody } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { useWrite } from '../../lib/mutation';
import type { Thresholds } from './api';

const fields = ['consensus', 'majority', 'minTurnout'] as const;
const RANGE_CODES = new Set(['too_big', 'too_small', 'invalid_type', 'required']);

function ThresholdsForm({ initial, editable }: { initial: Thresholds; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Record<(typeof fields)[number], number | ''>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setValues(initial), [initial]);
  const save = useWrite(() => call(api.PUT('/api/consultations/thresholds', { body: formBody(values) })), {
    onSuccess: () => {
      setErrors({});
      setConfirming(false);
    },
    onError: (err) => {
      setConfirming(false);
      if (err instanceof ApiError && err.fields.length) {
        setErrors(
          Object.fromEntries(
            err.fields.map((f) => [f.path, f.code && RANGE_CODES.has(f.code) ? t('consultations.thresholds.range') : t(`fieldErrors.${f.code}`, { defaultValue: f.message })]),
          ),
        );
        setOther(null);
      } else setOther(err);
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        setConfirming(true);
      }}
    >
      <Stack>
        {!editable && <Alert color="gray">{t('consultations.thresholds.readOnly')}</Alert>}
        {fields.map((f) => (
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
        ))}
        {other != null && <ErrorAlert error={other} />}
        {editable && (
          <Group>
            <Button type="submit" data-testid="thresholds-save">
              {t('consultations.thresholds.save')}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('consultations.thresholds.confirmTitle')}
        confirmLabel={t('consultations.thresholds.save')}
        onConfirm={() => save.mutate(undefined)}
        onCancel={() => setConfirming(false)}
        loading={save.isPending}
        testId="thresholds-confirm"
      >
        {t('consultations.thresholds.confirm')}
      </ConfirmModal>
    </form>
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
