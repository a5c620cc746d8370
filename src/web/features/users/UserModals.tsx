import { Alert, PasswordInput, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../domain/enums';
import { api, call, formBody } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';
import { enumOptions } from '../../lib/enums';
import { type FormErrors, useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import { useSession } from '../../lib/session';
import { CELL_ROLES, grantableRoles, MIN_PASSWORD_LENGTH, normalizeUsername, USERNAME_PATTERN, type UserSummary } from './api';
import { type PickedPerson, PersonPicker } from './PersonPicker';

type Translate = ReturnType<typeof useTranslation>['t'];

/** The checks the browser can make before asking the server, all reported at once. */
function passwordErrors(t: Translate, password: string, confirm: string): FormErrors {
  const errors: FormErrors = {};
  if (!password) errors.password = t('fieldErrors.required');
  else if (password.length < MIN_PASSWORD_LENGTH) errors.password = t('fieldErrors.password_short');
  if (password && confirm !== password) errors.confirm = t('users.passwordMismatch');
  return errors;
}

/** The server's rule for an address (users/service.ts normalizeEmail), checked here first to name the field at once. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  role: string | null;
  unitId: string | null;
  personId: string | null;
  email: string;
}

export function CreateUserModal({ opened, onClose, defaultUnit }: { opened: boolean; onClose: () => void; defaultUnit: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const roles = grantableRoles(me);
  const initial: CreateValues = {
    username: '',
    displayName: '',
    password: '',
    confirm: '',
    role: roles.length === 1 ? roles[0] : null,
    unitId: defaultUnit?.id ?? null,
    personId: null,
    email: '',
  };
  const form = useForm<CreateValues>(initial);
  const { values } = form;
  // The name the unit picker shows for a unit chosen here rather than picked in it (default, the person's cell).
  const [unitShown, setUnitShown] = useState(defaultUnit);
  const close = () => {
    form.reset(initial);
    setUnitShown(defaultUnit);
    onClose();
  };
  const write = useWrite(
    () =>
      call(
        api.POST('/api/users', {
          body: formBody({
            username: normalizeUsername(values.username),
            displayName: values.displayName.trim(),
            password: values.password,
            role: values.role,
            unitId: values.unitId,
            personId: values.personId ?? undefined,
            email: values.email.trim() || undefined,
          }),
        }),
      ),
    { onSuccess: close, onError: form.showError },
  );

  const submit = () => {
    const errors: FormErrors = passwordErrors(t, values.password, values.confirm);
    const username = normalizeUsername(values.username);
    if (!username) errors.username = t('fieldErrors.required');
    else if (!USERNAME_PATTERN.test(username)) errors.username = t('fieldErrors.username_format');
    if (!values.displayName.trim()) errors.displayName = t('fieldErrors.required');
    if (!values.role) errors.role = t('fieldErrors.required');
    if (!values.unitId) errors.unitId = t('fieldErrors.required');
    if (values.email.trim() && !EMAIL_PATTERN.test(values.email.trim())) errors.email = t('fieldErrors.email_format');
    form.clearErrors();
    if (Object.keys(errors).length > 0) form.setErrors(errors);
    else write.mutate(undefined);
  };

  const cellRole = values.role !== null && CELL_ROLES.includes(values.role as Role);
  const onPerson = (person: PickedPerson | null) => {
    form.setField('personId', person?.id ?? null);
    // The account is for this person: offer their name and, for a cell role, their cell.
    if (person && !values.displayName.trim()) form.setField('displayName', person.fullName);
    if (person?.unit && cellRole && !values.unitId) {
      setUnitShown(person.unit);
      form.setField('unitId', person.unit.id);
    }
  };

  return (
    <FormModal
      title={t('users.createTitle')}
      opened={opened}
      onClose={close}
      onSubmit={submit}
      loading={write.isPending}
      formError={form.formError}
      submitLabel={t('users.createSubmit')}
      testId="users-create-modal"
    >
      <TextInput
        label={t('users.username')}
        description={t('users.usernameHint')}
        required
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...form.text('username')}
        data-testid="users-username"
      />
      <TextInput label={t('users.displayName')} required {...form.text('displayName')} data-testid="users-display-name" />
      <TextInput
        label={t('users.email')}
        description={t('users.emailHint')}
        type="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        {...form.text('email')}
        data-testid="users-email"
      />
      <PasswordInput
        label={t('users.password')}
        description={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        required
        autoComplete="new-password"
        {...form.text('password')}
        data-testid="users-password"
      />
      <PasswordInput label={t('users.confirmPassword')} required autoComplete="new-password" {...form.text('confirm')} data-testid="users-confirm" />
      <Select
        label={t('users.role')}
        required
        data={enumOptions(t, 'role', roles)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        {...form.choice('role')}
        data-testid="users-role"
      />
      <UnitPicker
        label={t('users.unit')}
        required
        kind={cellRole ? 'cell' : undefined}
        value={values.unitId}
        initial={unitShown}
        onChange={(id) => form.setField('unitId', id)}
        error={form.errors.unitId}
        data-testid="users-unit"
      />
      {cellRole && !values.personId && (
        <Alert color="blue" variant="light" p="xs" data-testid="users-link-hint">
          <Text size="sm">{t('users.linkSuggestion')}</Text>
        </Alert>
      )}
      <PersonPicker
        label={t('users.person')}
        description={t('users.personHint')}
        value={values.personId}
        onChange={onPerson}
        error={form.errors.personId}
        data-testid="users-person"
      />
    </FormModal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const initial = { password: '', confirm: '' };
  const form = useForm(initial);
  const close = () => {
    form.reset(initial);
    onClose();
  };
  const write = useWrite(
    () => call(api.POST('/api/users/{id}/reset-password', { params: { path: { id: user?.id ?? '' } }, body: { password: form.values.password } })),
    { onSuccess: close, onError: form.showError },
  );
  const submit = () => {
    const errors = passwordErrors(t, form.values.password, form.values.confirm);
    form.clearErrors();
    if (Object.keys(errors).length > 0) form.setErrors(errors);
    else write.mutate(undefined);
  };
  return (
    <FormModal
      title={t('users.resetTitle')}
      opened={user !== null}
      onClose={close}
      onSubmit={submit}
      loading={write.isPending}
      formError={form.formError}
      submitLabel={t('users.resetSubmit')}
      danger
      testId="users-reset-modal"
    >
      {user && (
        <Text size="sm">
          {t('users.resetFor', { name: user.displayName, username: user.username })}
        </Text>
      )}
      <Alert color="yellow" variant="light" p="xs">
        <Text size="sm">{user?.id === me.id ? t('users.resetSelfWarning') : t('users.resetWarning')}</Text>
      </Alert>
      <PasswordInput
        label={t('users.newPassword')}
        description={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        required
        autoComplete="new-password"
        {...form.text('password')}
        data-testid="users-reset-password"
      />
      <PasswordInput label={t('users.confirmPassword')} required autoComplete="new-password" {...form.text('confirm')} data-testid="users-reset-confirm" />
    </FormModal>
  );
}

/** Turns off an account's two-factor sign-in (a lost phone): the server allows it only downward, and audits it. */
export function ResetTwoFactorModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({});
  const write = useWrite(() => call(api.POST('/api/users/{id}/reset-two-factor', { params: { path: { id: user?.id ?? '' } } })), {
    onSuccess: onClose,
    onError: form.showError,
  });
  return (
    <FormModal
      title={t('users.resetTwoFactorTitle')}
      opened={user !== null}
      onClose={onClose}
      onSubmit={() => write.mutate(undefined)}
      loading={write.isPending}
      formError={form.formError}
      submitLabel={t('users.resetTwoFactorSubmit')}
      danger
      testId="users-reset-2fa-modal"
    >
      {user && <Text size="sm">{t('users.resetFor', { name: user.displayName, username: user.username })}</Text>}
      <Alert color="yellow" variant="light" p="xs">
        <Text size="sm">{t('users.resetTwoFactorWarning')}</Text>
      </Alert>
    </FormModal>
  );
}
