import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  title: string;
  /** What will happen, with its counts ("for 128.555 members in 5.012 cells"). */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  loading?: boolean;
  danger?: boolean;
  testId?: string;
}

/** Asks before an action with a wide effect, saying what it will do; nothing happens until it is confirmed. */
export function ConfirmModal({ opened, title, children, confirmLabel, onConfirm, onCancel, loading, danger, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} data-testid={testId}>
      <Stack gap="sm">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid="confirm-cancel">
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={loading} data-testid="confirm-ok">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
