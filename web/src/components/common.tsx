// Small building blocks shared by the pages: labelled fields, messages, loading states.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';

/** The text to show for a failed request: the server's message, or a network hint. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.status === 0 ? t('common.networkError') : e.message;
  return e instanceof Error ? e.message : String(e);
}

/** A field's own error from a failed request (error.details[].field), if any. */
export function fieldError(e: unknown, field: string): string | undefined {
  return e instanceof ApiError ? e.fieldMessage(field) : undefined;
}

/** A general message for a failed request: fields with their own message are shown beside them. */
export function generalError(e: unknown, fields: string[]): string | null {
  if (!e) return null;
  if (e instanceof ApiError && e.details.some((d) => fields.includes(d.field))) {
    const others = e.details.filter((d) => !fields.includes(d.field));
    return others.length ? others.map((d) => d.message).join(' ') : t('common.fixFields');
  }
  return errorText(e);
}

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: ComponentChildren;
}

/** A label, the control (children, which must carry `id`), an optional hint and error. */
export function Field({ id, label, required, hint, error, children }: FieldProps) {
  return (
    <div class={'field' + (error ? ' field--error' : '')}>
      <label for={id}>
        {label}
        {required && <span class="field__required"> ({t('common.required')})</span>}
      </label>
      {hint && (
        <p class="field__hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={id + '-error'} data-field-error>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** aria-describedby for a control inside <Field>. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ComponentChildren }) {
  return (
    <div class={'notice notice--' + kind} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

/** Sets the document title for the current page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title + ' — binhdang';
  }, [title]);
}
