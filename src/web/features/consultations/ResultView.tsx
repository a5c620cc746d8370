// The result of a consultation: participation over the eligible, each option's share (with its origins), and the
// consensus level. Shared by the officers' page and the public page.
import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../lib/format';
import { levelColor, type Result } from './api';

export function ResultView({ result, showOrigins = true }: { result: Result; showOrigins?: boolean }) {
  const { t } = useTranslation();
  const n = useNumberFormat();
  return (
    <Stack gap="xs" data-testid="consultation-result">
      <Group gap="xs" wrap="wrap">
        <Badge color={levelColor[result.level]} variant="light" c={`${levelColor[result.level]}.9`} size="lg" tt="none" data-testid="consensus-level">
          {t(`consultations.level.${result.level}`)}
        </Badge>
        <Text size="sm" data-testid="participation">
          {t('consultations.participation')}: {n.pct(result.participation)} · {t('consultations.participants', { n: n.int(result.participants), eligible: n.int(result.eligible) })}
        </Text>
      </Group>
      {result.options.map((o) => (
        <Stack key={o.optionId} gap={2} data-testid="result-option">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" fw={result.leading === o.optionId ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
              {o.label}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {n.int(o.total)} · {n.pct(o.share)}
            </Text>
          </Group>
          <Progress value={o.share ?? 0} color={result.leading === o.optionId ? 'green' : 'gray'} aria-label={o.label} />
          {showOrigins && (
            <Text size="xs" c="dimmed">
              {t('consultations.origin.online')} {n.int(o.online)} · {t('consultations.origin.code')} {n.int(o.code)} · {t('consultations.origin.room')} {n.int(o.room)}
            </Text>
          )}
        </Stack>
      ))}
      <Text size="xs" c="dimmed">
        {t('consultations.levelHint', { consensus: n.pct(result.thresholds.consensus), majority: n.pct(result.thresholds.majority) })}
        {result.thresholds.minTurnout > 0 && ` · ${t('consultations.turnoutHint', { turnout: n.pct(result.thresholds.minTurnout) })}`}
      </Text>
    </Stack>
  );
}
