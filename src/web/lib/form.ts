// A small form state for Mantine inputs that shows every server field error at once.
import { type ChangeEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldIssue } from '../api/client';
import { formatDate } from './format';

export type FormErrors = Record<string, string>;

export interface FormState<T extends object> {
  values: T;
  errors: FormErrors;
  /** The error that does not belong to one field (or field issues whose path has no input). */
  formError: ApiError | null;
  setField: <K extends keyof T>(name: K, value: T[K]) => void;
  setValues: (values: T) => void;
  reset: (values?: T) => void;
  setErrors: (errors: FormErrors) => void;
  /** Props for TextInput / PasswordInput / Textarea. */
  text: (name: keyof T & string) => { value: string; onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void; error?: string; name: string };
  /** Props for Select / DateField (value is a string or null). */
  choice: (name: keyof T & string) => { value: string | null; onChange: (v: string | null) => void; error?: string; name: string };
  /** Spreads an ApiError onto the form: all field issues at once, the rest as formError. */
  showError: (err: unknown) => void;
  clearErrors: () => void;
}

/** The input a server path belongs to: the exact path (`parts.0.name`) or its head (`roles.0` → `roles`). */
function fieldFor(path: string, known: Set<string>): string | null {
  if (known.has(path)) return path;
  const head = path.split('.')[0] ?? path;
  return known.has(head) ? head : null;
}

export function issueText(issue: FieldIssue, translate: (code: string, fallback: string, params?: Record<string, string | number>) => string): string {
  return issue.code ? translate(issue.code, issue.message, issueParams(issue)) : issue.message;
}

/** An issue's message values (a name, a date) as the catalogs interpolate them: ISO dates read dd/mm/yyyy. */
export function issueParams(issue: FieldIssue): Record<string, string | number> {
  const params = (issue as { params?: Record<string, string | number> }).params ?? {};
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v]));
}

export function useForm<T extends object>(initial: T, extraFields: string[] = []): FormState<T> {
  const { t } = useTranslation();
  // Field issues carry an English message; a `code`, when the server sends one, is translated.
  const translateIssue = (code: string, fallback: string, params?: Record<string, string | number>) => t(`fieldErrors.${code}`, { defaultValue: fallback, ...params });
  const [values, setValuesState] = useState<T>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);

  const setField = useCallback(<K extends keyof T>(name: K, value: T[K]) => {
    setValuesState((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!(name as string in e)) return e;
      const { [name as string]: _gone, ...rest } = e;
      return rest;
    });
  }, []);

  const clearErrors = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  const showError = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      setFormError(new ApiError(0, 'internal', String(err)));
      return;
    }
    const known = new Set<string>([...Object.keys(values), ...extraFields]);
    const next: FormErrors = {};
    const rest: FieldIssue[] = [];
    for (const issue of err.fields) {
      const field = fieldFor(issue.path, known);
      const text = issueText(issue, translateIssue);
      if (field) next[field] = next[field] ? `${next[field]}; ${text}` : text;
      else rest.push(issue);
    }
    setErrors(next);
    const needsAlert = err.fields.length === 0 || rest.length > 0;
    setFormError(needsAlert ? new ApiError(err.status, err.code, err.message, rest, err.requestId) : null);
  };

  const get = (name: string) => (values as Record<string, unknown>)[name];

  return {
    values,
    errors,
    formError,
    setField,
    setValues: setValuesState,
    reset: (v?: T) => {
      setValuesState(v ?? initial);
      clearErrors();
    },
    setErrors,
    clearErrors,
    showError,
    text: (name) => ({
      name,
      value: (get(name) as string | null | undefined) ?? '',
      onChange: (e) => setField(name as keyof T, e.currentTarget.value as T[keyof T]),
      error: errors[name],
    }),
    choice: (name) => ({
      name,
      value: (get(name) as string | null | undefined) ?? null,
      onChange: (v) => setField(name as keyof T, v as T[keyof T]),
      error: errors[name],
    }),
  };
}
