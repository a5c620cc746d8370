import { parseDateVi } from '../../domain/dates';
// Dates travel as ISO `YYYY-MM-DD`; people read dd/mm/yyyy. Numbers follow the UI language.
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

/** `2025-02-14` (or a full timestamp) → `14/02/2025`; empty for null. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** `dd/mm/yyyy` (also d/m/yyyy) → ISO, or null when it is not a real date. */
/** dd/mm/yyyy (or d/m/yyyy, '-' or '.') → ISO, null if not a real date: the domain's rule. */
export const parseDate = parseDateVi;

export function formatDateTime(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY HH:mm') : iso;
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** Number formatters bound to the current UI language (comma decimals in Vietnamese). */
export function useNumberFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return {
    /** 35.04 → "35,0 %" (vi) / "35.0%" (en); "—" when there is nothing to count. */
    pct: (n: number | null | undefined) => (n === null || n === undefined ? '—' : i18n.language === 'en' ? `${one.format(n)}%` : `${one.format(n)} %`),
    decimal: (n: number | null | undefined) => (n === null || n === undefined ? '—' : one.format(n)),
    int: (n: number) => int.format(n),
    /** An axis of percentages: 25 → "25 %" (vi) / "25%" (en), never "0.25". */
    pctAxis: (n: number) => (i18n.language === 'en' ? `${int.format(n)}%` : `${int.format(n)} %`),
  };
}

/** A text the server sends in both languages (a module figure's name): the one of the current UI language. */
export function useBilingual(): (text: { vi: string; en: string }) => string {
  const { i18n } = useTranslation();
  return (text) => (i18n.language === 'en' ? text.en : text.vi);
}
