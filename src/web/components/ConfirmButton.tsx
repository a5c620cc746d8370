import { Button, type ButtonProps } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { ConfirmModal } from './ConfirmModal';

interface Props extends Omit<ButtonProps, 'onClick'> {
  children: ReactNode;
  /** The confirmation: its title, what will happen with counts, and the confirming button's label. */
  confirmTitle: string;
  confirmBody: ReactNode;
  confirmLabel?: string;
  /** Runs the action; the modal closes once the returned promise settles (or at once for a void). */
  onConfirm: () => unknown;
  danger?: boolean;
  'data-testid'?: string;
}

/** A button for an action with a wide effect (bulk enrolment, a branch's whole year): it asks first, with counts. */
export function ConfirmButton({ children, confirmTitle, confirmBody, confirmLabel, onConfirm, danger, loading, ...button }: Props) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button {...button} loading={loading} onClick={() => setAsking(true)}>
        {children}
      </Button>
      <ConfirmModal
        opened={asking}
        title={confirmTitle}
        confirmLabel={confirmLabel ?? (typeof children === 'string' ? children : confirmTitle)}
        loading={loading}
        danger={danger}
        testId="confirm-modal"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          void Promise.resolve(onConfirm()).finally(() => setAsking(false));
        }}
      >
        {confirmBody}
      </ConfirmModal>
    </>
  );
}
