// A modal holding one review form: its fields, every rule the server names (translated), cancel and submit.
import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ReviewError } from './ReviewError';

interface Props {
  title: string;
  testId: string;
  error: unknown;
  loading: boolean;
  onSubmit: () => void;
  onClose: () => void;
  submitLabel?: string;
  submitTestId?: string;
  children: ReactNode;
}

export function ReviewFormModal({ title, testId, error, loading, onSubmit, onClose, submitLabel, submitTestId, children }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} size="lg" data-testid={testId}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="sm">
          {children}
          <ReviewError error={error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} data-testid={submitTestId ?? 'step-submit'}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
