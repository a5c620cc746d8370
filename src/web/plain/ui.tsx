// The public pages' few controls, as plain HTML with the browser's own inputs and plain.css (the theme's colours,
// WCAG AA contrast): no component library in their first load (issue 14, bench/bundle.ts). Each field has its label,
// its hint and its error tied to the input (aria-describedby, aria-invalid), as Mantine's inputs do in the app.
import { type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../api/client';
import { ApiError } from '../api/client';
import { shownRequestId, useErrorText, useFieldIssueText } from '../components/error-text';
import { applyLanguage } from '../i18n';
import { useNumberFormat } from '../lib/format';
import { hasMoved, Link } from './router';

export type Tone = 'red' | 'orange' | 'green' | 'gray' | 'yellow' | 'blue';

/** The frame of a public page: the name, the language switch, the title, the page, the links to the others. */
export function PlainLayout({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // The tab's title names the page; after a move within the public pages the focus goes to the new page's title, so
  // a screen reader reads where it is (a first load leaves the focus to the browser).
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (hasMoved()) heading.current?.focus();
  }, []);
  return (
    <div className="pl-page">
      <div className={wide ? 'pl-container pl-wide' : 'pl-container'}>
        <header className="pl-header">
          <span className="pl-brand">{t('app.name')}</span>
          <LanguageSwitch />
        </header>
        <main className="pl-stack">
          <h1 className="pl-title" ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {children}
        </main>
        <nav className="pl-footer" aria-label={t('app.name')}>
          <Link to="/gop-y">{t('publicLayout.toReport')}</Link>
          <Link to="/gop-y/theo-doi">{t('publicLayout.follow')}</Link>
          <a href="/login">{t('publicLayout.signIn')}</a>
        </nav>
      </div>
    </div>
  );
}

/** vi/en, remembered in this browser (applyLanguage fetches the other language's catalogs first). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <div role="group" aria-label={t('lang.label')} className="pl-lang" data-testid="lang-switch">
      {(['vi', 'en'] as const).map((l) => (
        <button key={l} type="button" className={current === l ? 'pl-btn pl-small' : 'pl-btn pl-small pl-default'} aria-pressed={current === l} onClick={() => current !== l && applyLanguage(l)}>
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}

export function Alert({ tone, title, children, testId, role }: { tone: Tone; title?: string; children: ReactNode; testId?: string; role?: 'alert' | 'status' }) {
  return (
    <div className={`pl-alert pl-${tone}`} role={role} data-testid={testId}>
      {title && <p className="pl-alert-title">{title}</p>}
      {children}
    </div>
  );
}

/**
 * An error in words, each field issue listed (`issueText` words a module's codes), the request id only for a server
 * failure or a lost connection (shownRequestId): the public pages' ErrorAlert.
 */
export function ErrorBox({ error, issueText }: { error: unknown; issueText?: (issue: FieldIssue) => string }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const fieldText = useFieldIssueText();
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : [];
  const requestId = shownRequestId(error);
  return (
    <Alert tone="red" title={t('common.error')} role="alert" testId="error-alert">
      <p>{text(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f, i) => (
            <li key={`${f.path}:${i}`} data-testid={`issue-${f.code ?? 'field'}`}>
              {issueText ? issueText(f) : fieldText(f)}
            </li>
          ))}
        </ul>
      )}
      {requestId && (
        <p className="pl-dimmed pl-xs" data-testid="error-request-id">
          {t('common.requestId', { id: requestId })}
        </p>
      )}
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="pl-dimmed" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** Loading, the error, or the page's content once there is data. */
export function LoadState<T>({ load, children }: { load: { data: T | undefined; error: unknown; isPending: boolean }; children: (data: T) => ReactNode }) {
  if (load.error) return <ErrorBox error={load.error} />;
  if (load.isPending || load.data === undefined) return <Loading />;
  return <>{children(load.data)}</>;
}

export function Button({ tone = 'primary', loading = false, children, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: 'primary' | 'light' | 'default'; loading?: boolean }) {
  const cls = ['pl-btn', tone === 'primary' ? '' : `pl-${tone}`, className ?? ''].filter(Boolean).join(' ');
  return (
    <button type="button" className={cls} aria-busy={loading || undefined} {...rest} disabled={rest.disabled || loading}>
      {children}
    </button>
  );
}

/** A field's frame: its label, the control, its hint and its error (the ids the control refers to). */
function Field({ id, label, description, error, children, after }: { id: string; label: ReactNode; description?: ReactNode; error?: ReactNode; children: ReactNode; after?: ReactNode }) {
  return (
    <div className="pl-field">
      <label htmlFor={id}>{label}</label>
      {description && (
        <p className="pl-hint" id={`${id}-hint`}>
          {description}
        </p>
      )}
      {children}
      {error && (
        <p className="pl-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {after}
    </div>
  );
}

const described = (id: string, description: unknown, error: unknown) => [description ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

type FieldProps = { label: ReactNode; description?: ReactNode; error?: string; testId?: string };

export function TextField({ label, description, error, testId, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Field id={id} label={label} description={description} error={error}>
      <input id={id} className={['pl-input', className].filter(Boolean).join(' ')} aria-invalid={error ? true : undefined} aria-describedby={described(id, description, error)} data-testid={testId} {...input} />
    </Field>
  );
}

/** The browser's own list: `value` null shows the placeholder line. */
export function SelectField({
  label,
  description,
  error,
  testId,
  data,
  placeholder,
  value,
  onChange,
  ...select
}: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & { data: { value: string; label: string }[]; placeholder?: string; value: string | null; onChange: (value: string | null) => void }) {
  const id = useId();
  const lines = placeholder === undefined ? data : [{ value: '', label: placeholder }, ...data];
  return (
    <Field id={id} label={label} description={description} error={error}>
      <select
        id={id}
        className="pl-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, description, error)}
        data-testid={testId}
        {...select}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value || null)}
      >
        {lines.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A text box; with `max`, its limit stated and a live counter, never cutting what is typed: past the limit the counter
 * turns red and says by how much (as LimitedTextarea in the app).
 */
export function TextAreaField({ label, description, error, testId, max, value, ...area }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement> & { max?: number; value: string }) {
  const { t } = useTranslation();
  const { int } = useNumberFormat();
  const id = useId();
  const n = [...value].length;
  const over = max !== undefined && n > max;
  const hint = max !== undefined ? (description ?? t('common.textLimit', { max: int(max) })) : description;
  const shown = error ?? (over ? t('common.textOver', { count: n - max, max: int(max) }) : undefined);
  return (
    <Field
      id={id}
      label={label}
      description={hint}
      error={shown}
      after={
        max !== undefined && (
          <p className={over ? 'pl-counter pl-over' : 'pl-counter'} data-testid={testId ? `${testId}-counter` : undefined} aria-live="polite">
            {t('common.textCount', { n: int(n), max: int(max) })}
          </p>
        )
      }
    >
      <textarea id={id} className="pl-input" aria-invalid={shown ? true : undefined} aria-describedby={described(id, hint, shown)} data-testid={testId} value={value} {...area} />
    </Field>
  );
}

export function Checkbox({ label, testId, className, ...input }: { label: ReactNode; testId?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const id = useId();
  return (
    <div className={['pl-check', className].filter(Boolean).join(' ')}>
      <input type="checkbox" id={id} data-testid={testId} {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Badge({ tone = 'red', children, testId }: { tone?: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`pl-badge pl-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
