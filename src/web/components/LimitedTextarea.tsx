import { Group, Text, Textarea, type TextareaProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../lib/format';

/**
 * A text box with its limit stated and a live counter, never cutting what is typed (no `maxLength`): past the
 * limit the counter turns red and says by how much, and the server refuses it with the field named.
 */
export function LimitedTextarea({ max, value, ...props }: TextareaProps & { max: number; value: string }) {
  const { t } = useTranslation();
  const { int } = useNumberFormat();
  const n = [...value].length;
  const over = n > max;
  return (
    <div>
      <Textarea value={value} {...props} description={props.description ?? t('common.textLimit', { max: int(max) })} error={props.error ?? (over ? t('common.textOver', { count: n - max, max: int(max) }) : undefined)} />
      <Group justify="flex-end" mt={2}>
        <Text size="xs" c={over ? 'red.8' : 'dimmed'} data-testid={props['data-testid' as keyof typeof props] ? `${String(props['data-testid' as keyof typeof props])}-counter` : undefined} aria-live="polite">
          {t('common.textCount', { n: int(n), max: int(max) })}
        </Text>
      </Group>
    </div>
  );
}
