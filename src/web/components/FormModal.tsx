import { Button, Group, Modal, Stack } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../api/client';
import { ErrorAlert } from './ErrorAlert';
import { clearToasts } from '../lib/notify';

interface Props {
  title: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: () => void;
  loading: boolean;
  formError: unknown;
  /** How the form's field issues are worded (see ErrorAlert). */
  issueText?: (issue: FieldIssue) => string;
  submitLabel?: string;
  danger?: boolean;
  size?: string;
  children: ReactNode;
  testId?: string;
  submitTestId?: string;
}

/** A modal holding one form: fields, the error that belongs to no field, cancel/submit. */
export function FormModal({ title, opened, onClose, onSubmit, loading, formError, issueText, submitLabel, danger, size, children, testId, submitTestId }: Props) {
  const { t } = useTranslation();
  // A dialog opening takes away the last action's toast: at 360 px it would cover the dialog's title.
  useEffect(() => {
    if (opened) clearToasts();
  }, [opened]);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size ?? 'md'} fullScreen={false} data-testid={testId}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <Stack gap="sm">
          {children}
          {formError ? <ErrorAlert error={formError} issueText={issueText} /> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={loading} color={danger ? 'red' : undefined} data-testid={submitTestId ?? 'modal-submit'}>
              {submitLabel ?? t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
