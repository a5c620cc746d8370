// A set of rules kept as data (deadlines, thresholds), edited as a whole by the one who may (a province admin) and
// read by the others: the caller draws the fields, given the errors by field path; this keeps the rest — the
// read-only note, every server problem at once on its field, the one that belongs to no field, and, where the
// change reaches far, a confirmation saying what it does before anything is saved.
import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError, type FieldIssue } from '../api/client';
import { useWrite } from '../lib/mutation';
import { ConfirmModal } from './ConfirmModal';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  editable: boolean;
  readOnlyText: string;
  saveLabel: string;
  save: () => Promise<unknown>;
  /** A field issue in the reader's words. */
  issueText: (issue: FieldIssue) => string;
  /** Asked before saving, when set. */
  confirm?: { title: string; body: ReactNode };
  /** `${testId}-save`, `${testId}-confirm`. */
  testId: string;
  children: (errors: Record<string, string>) => ReactNode;
}

export function SettingsForm({ editable, readOnlyText, saveLabel, save, issueText, confirm, testId, children }: Props) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const write = useWrite(save, {
    onSuccess: () => {
      setErrors({});
      setConfirming(false);
    },
    onError: (err) => {
      setConfirming(false);
      if (err instanceof ApiError && err.fields.length) {
        setErrors(Object.fromEntries(err.fields.map((f) => [f.path, issueText(f)])));
        setOther(null);
      } else setOther(err);
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        if (confirm) setConfirming(true);
        else write.mutate(undefined);
      }}
    >
      <Stack>
        {!editable && <Alert color="gray">{readOnlyText}</Alert>}
        {children(errors)}
        {other != null && <ErrorAlert error={other} />}
        {editable && (
          <Group>
            <Button type="submit" loading={!confirm && write.isPending} data-testid={`${testId}-save`}>
              {saveLabel}
            </Button>
          </Group>
        )}
      </Stack>
      {confirm && (
        <ConfirmModal
          opened={confirming}
          title={confirm.title}
          confirmLabel={saveLabel}
          onConfirm={() => write.mutate(undefined)}
          onCancel={() => setConfirming(false)}
          loading={write.isPending}
          testId={`${testId}-confirm`}
        >
          {confirm.body}
        </ConfirmModal>
      )}
    </form>
  );
}
