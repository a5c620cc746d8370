// The "as of" date of the tree's pages (units, roots, dashboard): in the URL (`?date=`) so links and reloads keep
// it, always on screen (an answer for a date before the tree is a page, never a dead end), and only a real day up
// to today goes into the URL: 31/02/2024 or a future day is refused at the box, in the UI's language.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { isIsoDate } from '../../../domain/dates';
import { DateField } from '../../components/DateField';
import { todayIso } from '../../lib/format';

export function useAsOfDate(): [string | null, (iso: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const date = params.get('date');
  const set = (iso: string | null) => {
    const next = new URLSearchParams(params);
    if (iso) next.set('date', iso);
    else next.delete('date');
    setParams(next, { replace: true });
  };
  return [date, set];
}

/** Why a date cannot be the "as of" date, as a fieldErrors code; null when it can. */
export function asOfProblem(date: string | null): 'not_a_date' | 'date_in_future' | null {
  if (!date) return null;
  if (!isIsoDate(date)) return 'not_a_date';
  return date > todayIso() ? 'date_in_future' : null;
}

export function AsOfDateField({ date, setDate }: { date: string | null; setDate: (d: string | null) => void }) {
  const { t } = useTranslation();
  const [refused, setRefused] = useState<string | null>(null);
  // A bad date can also arrive in the URL itself (typed in the address bar, an old link).
  const problem = asOfProblem(refused) ?? asOfProblem(date);
  return (
    <DateField
        label={t('units.asOf')}
        value={date && isIsoDate(date) ? date : null}
        onChange={(v) => {
          const bad = asOfProblem(v);
          setRefused(bad ? v : null);
          if (!bad) setDate(v);
        }}
        error={problem === 'not_a_date' ? t('fieldErrors.not_a_date') : problem ? t('units.asOfInFuture') : undefined}
        clearable
        w={190}
        data-testid="as-of-date"
      />
  );
}
