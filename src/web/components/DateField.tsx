import { useState } from 'react';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../domain/dates';
import { parseDate } from '../lib/format';

interface Props {
  label?: string;
  /** ISO `YYYY-MM-DD`; or, after a typo, the text as typed, so the server names the field. */
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  clearable?: boolean;
  required?: boolean;
  'data-testid'?: string;
  w?: number | string;
  name?: string;
}

/**
 * A date typed or picked as dd/mm/yyyy; the value is ISO `YYYY-MM-DD`. Text that is not a real date (31/02)
 * is kept and flagged at once instead of silently reverting, and goes to the server as typed, which reports
 * it with every other problem of the form.
 */
export function DateField({ label, value, onChange, error, clearable, required, w, name, ...rest }: Props) {
  const { t } = useTranslation();
  const [typo, setTypo] = useState(false);
  return (
    <DateInput
      label={label}
      name={name}
      value={value && isIsoDate(value) ? value : null}
      onChange={(v) => {
        setTypo(false);
        onChange(v ? String(v).slice(0, 10) : null);
      }}
      onBlur={(e) => {
        const text = e.currentTarget.value.trim();
        const bad = text !== '' && parseDate(text) === null;
        setTypo(bad);
        if (bad) onChange(text);
      }}
      fixOnBlur={false}
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseDate(text)}
      placeholder={t('common.datePlaceholder')}
      error={error ?? (typo ? t('fieldErrors.not_a_date') : undefined)}
      clearable={clearable}
      required={required}
      w={w}
      popoverProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
