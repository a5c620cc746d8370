// Reports received per month, by category: loaded with the figures tab only (charts are heavy).
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { reportCategories } from '../../../domain/supervision-values';
import type { CaseFigures } from './api';
import { useNumberFormat } from '../../lib/format';

const colors: Record<string, string> = { suggestion: 'blue.6', criticism: 'yellow.6', complaint: 'orange.6', denunciation: 'red.7' };

export default function TrendChart({ byMonth }: { byMonth: CaseFigures['byMonth'] }) {
  const { t } = useTranslation();
  const fmt = useNumberFormat();
  const data = byMonth.map((m) => ({ month: `${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`, ...m.counts }));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="month"
      type="stacked"
      series={reportCategories.map((c) => ({ name: c, label: t(`supervision.category.${c}`), color: colors[c] }))}
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      tickLine="y"
      yAxisProps={{ allowDecimals: false }}
      valueFormatter={(v) => fmt.int(v)}
      withTooltip
      data-testid="supervision-trend"
    />
  );
}
