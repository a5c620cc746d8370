import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseDate } from '../lib/format';

interface Props {
  label?: string;
  value: string | null;
  onChange: (iso: string | null) => void;
  error?: string;
  clearable?: boolean;
  required?: boolean;
  'data-testid'?: string;
  w?: number | string;
  name?: string;
}

/** A date typed or picked as dd/mm/yyyy; the value is ISO `YYYY-MM-DD`. */
export function DateField({ label, value, onChange, error, clearable, required, w, name, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <DateInput
      label={label}
      name={name}
      value={value}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseDate(text)}
      placeholder={t('common.datePlaceholder')}
      error={error}
      clearable={clearable}
      required={required}
      w={w}
      popoverProps={{ withinPortal: true }}
      data-testid={rest['data-testid']}
    />
  );
}
