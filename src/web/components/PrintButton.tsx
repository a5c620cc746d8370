import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Prints the page as it stands (a dashboard, a unit's roster, a case) — or saves it as PDF from the browser's print
 * dialog. The shell's header, menu and every `.no-print` element are left out (a11y.css, @media print).
 */
export function PrintButton({ testId = 'print-page' }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="default" className="no-print" onClick={() => window.print()} data-testid={testId}>
      {t('common.print')}
    </Button>
  );
}
